package org.kapcompanion.testing;

import java.time.Clock;
import org.h2.jdbcx.JdbcDataSource;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.launch.Sessions;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.web.BrowserCookie;

/** Reads the sessions a test app node stored, to reach the EHR with a launched session's token. */
public final class StoredSessions {

  private StoredSessions() {}

  public static Sessions of(String clientId) {
    return stored(TestEnvironment.storeUrl(clientId));
  }

  /** The sessions stored by {@code environment}'s app node {@code clientId}. */
  public static Sessions of(TestEnvironment environment, String clientId) {
    return stored(environment.storeUrlOf(clientId));
  }

  private static Sessions stored(String jdbcUrl) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(jdbcUrl);
    return new Sessions(dataSource, new SecretBox(TestStores.KEY), Clock.systemUTC());
  }

  /** The handle in a session page's URL ({@code /s/{handle}/…}). */
  public static String handle(HttpBrowser.Page sessionPage) {
    return sessionPage.url().getPath().split("/")[2];
  }

  /** The session behind a page the browser got after a launch. */
  public static AppSession session(String clientId, HttpBrowser browser, HttpBrowser.Page sessionPage) {
    String browserKey = browser.cookie(sessionPage.url(), BrowserCookie.NAME).orElseThrow();
    return of(clientId).find(handle(sessionPage), browserKey).orElseThrow();
  }
}
