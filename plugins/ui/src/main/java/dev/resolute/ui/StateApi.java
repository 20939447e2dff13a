package dev.resolute.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of virtual objects and workflows: their keys, an instance's entries with the optimistic version of its
 * whole state, a value's download, and the edit of some entries that keeps the others (through the worker's
 * {@code ObjectStates}, as {@code POST /services/{name}/state} does, with the version checked).
 */
final class StateApi {
    private final WorkerAccess worker;
    private final Schemas schemas;

    StateApi(WorkerAccess worker, Schemas schemas) {
        this.worker = worker;
        this.schemas = schemas;
    }

    void routes(UiApi api) {
        api.on("GET", "state/{service}", this::keys)
                .on("GET", "state/{service}/{key}", this::entries)
                .on("GET", "state/{service}/{key}/value", this::value)
                .on("POST", "state/{service}/{key}", this::edit);
    }

    private ApiReply keys(ApiCall call) {
        String service = keyed(call.parameter(0));
        RowPage page = worker.browser().stateKeys(service, call.text("after"), call.integer("limit", 100, 1, 1000));
        return ApiReply.ok(RowsJson.page(page));
    }

    private ApiReply entries(ApiCall call) {
        String service = keyed(call.parameter(0));
        String key = call.parameter(1);
        InvocationBrowser browser = worker.browser();
        RowPage page = browser.state(service, key, call.text("after"), call.integer("limit", 100, 1, 1000), InvocationsApi.PREVIEW);
        return ApiReply.ok(RowsJson.page(page).put("version", StateVersion.of(whole(browser, service, key))));
    }

    private ApiReply value(ApiCall call) {
        String service = keyed(call.parameter(0));
        String key = call.parameter(1);
        String name = call.text("name").orElseThrow(() -> ApiException.badParameter("name", "is missing: the state key whose value to read"));
        byte[] value = worker.browser().stateValue(service, key, name)
                .orElseThrow(() -> ApiException.notFound("The state of " + service + "/" + key + " has no entry '" + name + "'"));
        return new ApiReply.Download("application/octet-stream", name + ".bin", value);
    }

    /** 202 once the replacement is durably queued: it applies in order with the object's inbox, as the admin API's does. */
    private ApiReply edit(ApiCall call) throws IOException {
        String service = keyed(call.parameter(0));
        String key = call.parameter(1);
        JsonNode body = UiJson.JSON.readTree(call.body(16 * 1024 * 1024 * 4 / 3 + 1024));
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "The request body must be a JSON object {\"version\": …, \"set\": {…}}");
        }
        JsonNode version = body.get("version");
        if (version == null || !version.isTextual()) {
            throw ApiException.badParameter("version", "must be the version the state was read with (GET /ui/api/state/{service}/{key})");
        }
        JsonNode set = body.get("set");
        if (set == null || !set.isObject()) {
            throw ApiException.badParameter("set", "must be an object of state keys to base64 values, or null to delete one");
        }
        Map<String, Optional<byte[]>> changes = new LinkedHashMap<>();
        set.properties().forEach(e -> changes.put(e.getKey(), decode(e.getKey(), e.getValue())));
        Map<String, byte[]> state = whole(worker.browser(), service, key);
        String current = StateVersion.of(state);
        if (!current.equals(version.textValue())) {
            throw new ApiException(409, "The state of " + service + "/" + key + " changed since it was read (version " + version.textValue()
                    + ", now " + current + "): reload it and edit again");
        }
        changes.forEach((name, value) -> {
            if (value.isPresent()) {
                state.put(name, value.get());
            } else {
                state.remove(name);
            }
        });
        String next = StateVersion.of(state);
        return new ApiReply.Later(worker.states().replaceState(service, key, state, Optional.of(current))
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw new ApiException(503, "The state change was not stored: " + failure.getMessage());
                    }
                    return new ApiReply.Json(202, UiJson.object().put("version", next));
                }));
    }

    private static Optional<byte[]> decode(String name, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badParameter("set." + name, "must be a base64 value or null, not " + value);
        }
        try {
            return Optional.of(Base64.getDecoder().decode(value.textValue()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("set." + name, "is not base64: " + e.getMessage());
        }
    }

    /** Every entry of the instance's state, with full values (the version covers them all). */
    static Map<String, byte[]> whole(InvocationBrowser browser, String service, String key) {
        Map<String, byte[]> state = new TreeMap<>();
        Optional<String> after = Optional.empty();
        do {
            RowPage page = browser.state(service, key, after, 1000, Integer.MAX_VALUE);
            for (Object[] values : page.rows()) {
                String name = (String) RowsJson.value(page.columns(), values, "key");
                byte[] value = (byte[]) RowsJson.value(page.columns(), values, "value");
                state.put(name, value != null ? value : browser.stateValue(service, key, name).orElse(new byte[0]));
            }
            after = page.rows().isEmpty() ? Optional.empty() : page.nextCursor();
        } while (after.isPresent());
        return state;
    }

    /** {@code name} if it is a registered virtual object or workflow; a 404 if unknown, a 400 for a plain service. */
    private String keyed(String name) {
        Service service = schemas.service(name).orElseThrow(() -> ApiException.notFound("The service '" + name + "' does not exist"));
        if (!service.type().isKeyed()) {
            throw new ApiException(400, "The service '" + name + "' is a plain service: only virtual objects and workflows have state");
        }
        return name;
    }
}
