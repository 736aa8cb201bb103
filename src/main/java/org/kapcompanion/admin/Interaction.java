package org.kapcompanion.admin;

/** A FHIR RESTful interaction on a resource type, named as in {@code CapabilityStatement.rest.resource.interaction}. */
public enum Interaction {
  READ("read"),
  SEARCH("search-type"),
  CREATE("create"),
  UPDATE("update");

  private final String code;

  Interaction(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
