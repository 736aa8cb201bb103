/**
 * Operations: the {@code check} command and {@code /admin/status} page (both built on {@link
 * org.kapcompanion.admin.EndpointCheck}) with its failed-entry actions, {@code /health}, {@code /ready},
 * {@code /metrics} and the admin token that guards the admin pages and the metrics (with a form token against
 * cross-site requests, {@link org.kapcompanion.admin.AdminForms}), and the named daemon threads the app works on in
 * the background ({@link org.kapcompanion.admin.DaemonThreads}).
 *
 * <p>{@link org.kapcompanion.admin.CapabilityAnalysis} is a pure function from an EHR's CapabilityStatement and SMART
 * configuration to a {@link org.kapcompanion.admin.CapabilityReport}; the write path reuses its
 * {@link org.kapcompanion.admin.CapabilityReport.WritePlan} to choose targets and fallbacks per endpoint, and reports
 * its outbox here, and takes an operator's retry or discard of a failed entry, through
 * {@link org.kapcompanion.admin.OutboxStatus}. This package depends on no feature package.
 */
package org.kapcompanion.admin;
