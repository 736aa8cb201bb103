package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the workspace page sends, read into entries or refused. */
class EntryRequestTest {

  private static final List<QuickTag> TAGS = List.of(new QuickTag("breathwork", "Breathwork"),
      new QuickTag("grounding-used", "Grounding used"));
  private static final String ID = "\"id\":\"6f1c2b0e-3d0a-4b55-9d0f-2a3c4d5e6f70\","
      + "\"effective\":\"2026-11-21T10:05:00Z\"";

  @Test
  void noteOfQuickTagsAloneReadsAsTheirNames() {
    SessionNote note = EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\"  \",\"tags\":[\"breathwork\",\"grounding-used\"]}").getAsJsonObject(), TAGS);

    assertThat(note.text()).isEqualTo("Breathwork, Grounding used");
    assertThat(note.tags()).containsExactly("breathwork", "grounding-used");
  }

  @Test
  void typedTextIsKeptAsTyped() {
    SessionNote note = EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\" Asked for the blanket. \",\"tags\":[\"breathwork\"]}").getAsJsonObject(), TAGS);

    assertThat(note.text()).isEqualTo("Asked for the blanket.");
  }

  @Test
  void noteWithNeitherTextNorTagIsRefused() {
    assertThatThrownBy(() -> EntryRequest.note(JsonParser.parseString("{" + ID + ",\"text\":\"\",\"tags\":[]}")
        .getAsJsonObject(), TAGS)).isInstanceOf(IllegalArgumentException.class);
  }
}
