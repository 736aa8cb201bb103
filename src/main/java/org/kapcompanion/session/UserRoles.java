package org.kapcompanion.session;

/** Tells, once at sign-in, whether the user is a clinical supervisor: from the EHR, or from the clinic's settings. */
public interface UserRoles {

  boolean isSupervisor(AppSession session);
}
