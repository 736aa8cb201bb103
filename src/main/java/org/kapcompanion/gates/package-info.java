/**
 * The clinical gates, each decided in one place from what was recorded and the clinic's protocol: whether a dosing
 * session may start ({@link org.kapcompanion.gates.StartGate}), whether the patient may be discharged
 * ({@link org.kapcompanion.gates.DischargeGate}) and whether a supervisor may co-sign
 * ({@link org.kapcompanion.gates.CosignGate}). Pure; the pages, the save endpoints and the review all ask here.
 */
package org.kapcompanion.gates;
