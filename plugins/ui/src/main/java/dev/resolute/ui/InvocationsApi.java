package dev.resolute.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationQuery;
import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The invocation routes: pages of the list and its count, one invocation, journal windows, one entry and its value. */
final class InvocationsApi {
    /** Values up to this length are shown inline; longer ones are previewed and downloaded. */
    static final int PREVIEW = 64 * 1024;

    private final WorkerAccess worker;

    InvocationsApi(WorkerAccess worker) {
        this.worker = worker;
    }

    void routes(UiApi api) {
        api.on("GET", "invocations", this::list)
                .on("GET", "invocations/count", call -> ApiReply.ok(UiJson.object().put("count", worker.browser().count(InvocationFilter.of(call)))))
                .on("GET", "invocations/{id}", call -> ApiReply.ok(invocationBody(call.parameter(0))))
                .on("GET", "invocations/{id}/journal", this::journal)
                .on("GET", "invocations/{id}/journal/{index}", this::entry)
                .on("GET", "invocations/{id}/journal/{index}/value", this::value);
    }

    private ApiReply list(ApiCall call) {
        RowPage page = worker.browser().invocations(InvocationFilter.of(call));
        return ApiReply.ok(RowsJson.page(page).put("scanned", page.scanned()));
    }

    private ObjectNode invocationBody(String id) {
        ObjectNode body = UiJson.object();
        body.set("invocation", invocation(id));
        return body;
    }

    /** The {@code sys_invocation} row of {@code id}, or a 404. */
    ObjectNode invocation(String id) {
        InvocationQuery one = new InvocationQuery(List.of(id), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, InvocationFilter.SCAN_BUDGET);
        RowPage page = worker.browser().invocations(one);
        if (page.rows().isEmpty()) {
            throw ApiException.notFound("The invocation '" + id + "' does not exist");
        }
        return RowsJson.row(page.columns(), page.rows().get(0));
    }

    private ApiReply journal(ApiCall call) {
        String id = call.parameter(0);
        RowPage page = worker.browser().journal(id, call.integer("from", 0, 0, Integer.MAX_VALUE), call.integer("limit", 200, 1, 1000));
        if (page.rows().isEmpty()) {
            invocation(id); // an empty window of an unknown invocation is a 404
        }
        return ApiReply.ok(RowsJson.page(page));
    }

    private ApiReply entry(ApiCall call) throws JsonProcessingException {
        JournalEntryDetail entry = detail(call);
        ObjectNode body = UiJson.object().put("index", entry.index()).put("entry_type", entry.entryType());
        body.set("entry", parsed(entry.entryJson()));
        Optional<byte[]> value = entry.value();
        if (value.isEmpty()) {
            body.putNull("value_length").putNull("value_preview").put("value_truncated", false);
        } else {
            byte[] bytes = value.get();
            body.put("value_length", bytes.length).put("value_preview", preview(bytes)).put("value_truncated", bytes.length > PREVIEW);
        }
        return ApiReply.ok(body);
    }

    private ApiReply value(ApiCall call) {
        JournalEntryDetail entry = detail(call);
        byte[] value = entry.value().orElseThrow(() -> ApiException.notFound("The journal entry " + entry.index() + " of '" + call.parameter(0)
                + "' (" + entry.entryType() + ") carries no value"));
        return new ApiReply.Download("application/octet-stream", call.parameter(0) + "-" + entry.index() + ".bin", value);
    }

    private JournalEntryDetail detail(ApiCall call) {
        String id = call.parameter(0);
        int index = index(call.parameter(1));
        return worker.browser().journalEntry(id, index).orElseThrow(() -> {
            invocation(id); // says which of the two is unknown
            return ApiException.notFound("The invocation '" + id + "' has no journal entry " + index);
        });
    }

    private static int index(String text) {
        try {
            int index = Integer.parseInt(text);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiException.badParameter("index", "must be a journal entry index (0 or more), was '" + text + "'");
    }

    /** The entry as JSON, or its text if it does not parse (the CLI tolerates that too). */
    static JsonNode parsed(String json) {
        try {
            return UiJson.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return UiJson.JSON.getNodeFactory().textNode(json);
        }
    }

    /** The first {@link #PREVIEW} bytes as text, or null when they are not UTF-8 (binary: download it). */
    static String preview(byte[] value) {
        int length = Math.min(value.length, PREVIEW);
        // a cut inside a multi-byte character: drop its start (at most 3 bytes) rather than call the value binary
        for (int cut = 0; cut <= (value.length > PREVIEW ? 3 : 0); cut++) {
            try {
                CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value, 0, length - cut));
                return text.toString();
            } catch (CharacterCodingException e) {
                // try a shorter cut
            }
        }
        return null;
    }
}
