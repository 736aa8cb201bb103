package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kapcompanion.web.BodyType;

/** A page or action inside a launched session, e.g. the record summary. */
public interface SessionPage {

  void handle(ActiveSession session, HttpServletRequest request, HttpServletResponse response) throws IOException;

  /** What a state-changing request to this page carries in its body: form fields, unless the page says JSON. */
  default BodyType body() {
    return BodyType.FORM;
  }

  /** {@code page}, taking a JSON body. */
  static SessionPage takingJson(SessionPage page) {
    return new SessionPage() {
      @Override
      public void handle(ActiveSession session, HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        page.handle(session, request, response);
      }

      @Override
      public BodyType body() {
        return BodyType.JSON;
      }
    };
  }
}
