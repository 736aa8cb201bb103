package org.kapcompanion.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.kapcompanion.web.BodyType;

/**
 * A page or action inside a launched session, e.g. the record summary. What it accepts (methods, body type, whether it
 * needs the launch's patient) is declared here and checked by the launch's page dispatcher before the page runs.
 */
public interface SessionPage {

  /** The methods a page answers unless it declares others. */
  Set<String> GET_AND_POST = Set.of("GET", "HEAD", "POST");

  void handle(ActiveSession session, HttpServletRequest request, HttpServletResponse response) throws IOException;

  /** What a state-changing request to this page carries in its body: form fields, unless the page says JSON. */
  default BodyType body() {
    return BodyType.FORM;
  }

  /** The HTTP methods the page answers; any other is refused with 405. */
  default Set<String> methods() {
    return GET_AND_POST;
  }

  /** Whether the page needs the launch's patient; without one it is refused with a page saying so. */
  default boolean needsPatient() {
    return false;
  }

  /** {@code page}, taking a JSON body. */
  static SessionPage takingJson(SessionPage page) {
    Declared declared = Declared.of(page);
    return new Declared(declared.page(), BodyType.JSON, declared.methods(), declared.needsPatient());
  }

  /** {@code page}, answering only {@code methods}. */
  static SessionPage only(Set<String> methods, SessionPage page) {
    Declared declared = Declared.of(page);
    return new Declared(declared.page(), declared.body(), Set.copyOf(methods), declared.needsPatient());
  }

  /** {@code page}, shown only in a launch with a patient. */
  static SessionPage needingPatient(SessionPage page) {
    Declared declared = Declared.of(page);
    return new Declared(declared.page(), declared.body(), declared.methods(), true);
  }

  /** {@code page} answering only GET (and HEAD), in a launch with a patient. */
  static SessionPage patientView(SessionPage page) {
    return only(Set.of("GET", "HEAD"), needingPatient(page));
  }

  /** {@code page} answering only POST, in a launch with a patient. */
  static SessionPage patientAction(SessionPage page) {
    return only(Set.of("POST"), needingPatient(page));
  }

  /** A page with its declarations. */
  record Declared(SessionPage page, BodyType body, Set<String> methods, boolean needsPatient) implements SessionPage {

    static Declared of(SessionPage page) {
      return page instanceof Declared declared ? declared
          : new Declared(page, page.body(), page.methods(), page.needsPatient());
    }

    @Override
    public void handle(ActiveSession session, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      page.handle(session, request, response);
    }
  }
}
