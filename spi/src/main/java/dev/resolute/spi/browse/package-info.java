/**
 * What a user interface reads of the engine beyond SQL: invocations in pages newest first (keyset cursors, no
 * row cap), windows of a journal, an object's state in pages, counts by status, failures grouped for triage, and the
 * stream of changes the engine commits. Provided by the worker; the web UI plugin serves it as JSON.
 *
 * <p>Rows carry the columns of the SQL table they mirror (reference §5: {@code sys_invocation}, {@code sys_journal},
 * {@code state}), so one vocabulary names every field from storage to the browser.
 */
package dev.resolute.spi.browse;
