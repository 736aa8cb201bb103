package org.kapcompanion.web;

/**
 * Everything one page template shows, as the template's only parameter {@code model}; a key the template needs cannot
 * be missing or misspelt, because the compiler checks the template's reads against the record's components.
 */
public interface PageModel {

  /** The template this model fills, e.g. {@code "summary.jte"}. */
  String template();
}
