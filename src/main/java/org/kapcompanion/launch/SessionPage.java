package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A page or action inside a launched session, e.g. the record summary. */
public interface SessionPage {

  void handle(ActiveSession session, HttpServletRequest request, HttpServletResponse response) throws IOException;
}
