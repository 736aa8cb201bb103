/**
 * Operations: the {@code check} command and {@code /admin/status} page (both built on {@link
 * org.kapcompanion.admin.EndpointCheck}), {@code /health}, {@code /ready}, {@code /metrics} and the admin token that
 * guards the last two pages.
 *
 * <p>{@link org.kapcompanion.admin.CapabilityAnalysis} is a pure function from an EHR's CapabilityStatement and SMART
 * configuration to a {@link org.kapcompanion.admin.CapabilityReport}; the write path reuses its
 * {@link org.kapcompanion.admin.CapabilityReport.WritePlan} to choose targets and fallbacks per endpoint, and reports
 * its outbox here through {@link org.kapcompanion.admin.OutboxStatus}. This package depends on no feature package.
 */
package org.kapcompanion.admin;
