/**
 * Write-back: every clinical entry reaches the EHR exactly once, whatever fails on the way.
 *
 * <ul>
 *   <li><b>Identity.</b> The page makes a UUID when the user creates an entry and resends it unchanged until the app
 *       acknowledges. The target resource carries it as {@code identifier} in
 *       {@code http://kapcompanion.org/fhir/sid/entry}; R4 Provenance has no identifier, so it carries the same value
 *       as a {@code meta.tag} in that system. Writes are conditional creates ({@code If-None-Exist: identifier=…} and
 *       {@code _tag=…}), inside one transaction where the server takes transactions, so a retried write finds what
 *       an earlier attempt stored. Where the server has no conditional create, the writer searches first.</li>
 *   <li><b>References and updates.</b> An entry refers to another entry of the app as {@code urn:uuid:<entryId>};
 *       the sender replaces that with the EHR's reference once the other entry is written, and holds the entry back
 *       until then. An update replaces an existing resource with {@code If-Match} on the version the user edited; a
 *       version conflict is shown to the user unless the EHR already holds exactly this update (a retry whose first
 *       answer was lost).</li>
 *   <li><b>Outbox.</b> An entry is validated ({@link org.kapcompanion.writeback.ResourceValidator}), then committed,
 *       encrypted, to {@code outbox_entry} before the page hears "saved" — only once its stored form is known to read
 *       back as the same resources and no value holds a control character FHIR forbids
 *       ({@link org.kapcompanion.writeback.StoredForm}); the sender deletes it once the EHR confirmed it and keeps a
 *       receipt without clinical content. Entries of one session go in order; failures back off with jitter and end
 *       as "failed" with a reason after a bounded number of attempts, never dropped. The user (on the session's
 *       pages) or an operator (on the status page, by id) retries or discards a failed entry.</li>
 *   <li><b>Isolation.</b> Every stored row is read on its own. A row that cannot be decrypted, parsed or mapped (for
 *       one stored before the read-back check) is set aside as failed when it comes due — its error type for
 *       operators, a plain reason for the user, counted in the metrics — and the session's next entry goes on; pages
 *       read around it. When claims fail the sender backs off (250 ms doubling to 30 s) and logs once per change, and
 *       {@code /ready} fails while entries are due and the sender has made no progress for
 *       {@code store.deliveryStalledMinutes}.</li>
 *   <li><b>Nodes.</b> A node claims an entry with a conditional update of its lease, which PostgreSQL and H2 both
 *       execute atomically, so nodes sharing a database never send one entry at the same time; a killed node's
 *       leases run out and another node (or the restarted one) carries on.</li>
 *   <li><b>Tokens.</b> The sender uses the session's own tokens, refreshed with its refresh token. When that fails
 *       the entries wait, the page says to launch again, and the next launch of the same user for the same patient
 *       takes them over.</li>
 * </ul>
 */
package org.kapcompanion.writeback;
