package org.kapcompanion.integration;

import java.util.ArrayList;
import java.util.List;

/**
 * One heading of the plan's text with the items under it, read from the plan's Markdown lines ({@code #} and
 * {@code ##} headings, {@code -} items), so a page shows the structure while every word stays escaped text.
 *
 * @param level 1 for the plan's title, 2 for a section
 */
public record PlanSection(int level, String heading, List<String> items) {

  /** The sections of {@code lines} as {@link PlanText} writes them; a line of another form is an item as it is. */
  static List<PlanSection> of(List<String> lines) {
    List<PlanSection> sections = new ArrayList<>();
    String heading = "";
    int level = 2;
    List<String> items = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("# ") || line.startsWith("## ")) {
        if (!heading.isEmpty() || !items.isEmpty()) {
          sections.add(new PlanSection(level, heading, List.copyOf(items)));
        }
        level = line.startsWith("# ") ? 1 : 2;
        heading = line.substring(level + 1);
        items = new ArrayList<>();
      } else if (!line.isBlank()) {
        items.add(line.startsWith("- ") ? line.substring(2) : line);
      }
    }
    if (!heading.isEmpty() || !items.isEmpty()) {
      sections.add(new PlanSection(level, heading, List.copyOf(items)));
    }
    return sections;
  }
}
