package com.aigcaudio.idempotency;

import com.aigcaudio.json.Json;
import com.aigcaudio.json.JsonSyntaxException;
import com.aigcaudio.log.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the orphan sweep stopped: every claim written before {@code watermark} has been read since it was last
 * written and needs nothing more from the sweep, except the {@code pending} ones (still inside their window when
 * read: they may yet become orphans). A sweep therefore reads only claims written since, plus the pending ones.
 * An unreadable cursor counts as none: the next sweep reads every claim again, which is slow but never loses one.
 */
public final class SweepCursor {
    private static final Logger LOG = Logger.get(SweepCursor.class);
    public static final SweepCursor START = new SweepCursor(Instant.EPOCH, Set.of());

    private final Instant watermark;
    private final Set<String> pending;

    public SweepCursor(Instant watermark, Set<String> pending) {
        this.watermark = watermark;
        this.pending = new TreeSet<>(pending);
    }

    public Instant watermark() {
        return watermark;
    }

    public Set<String> pending() {
        return pending;
    }

    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("watermark", watermark.toEpochMilli());
        json.put("pending", new ArrayList<>(pending));
        return Json.toBytes(json);
    }

    public static SweepCursor fromJson(byte[] bytes) {
        try {
            Map<String, Object> json = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
            Set<String> pending = new TreeSet<>();
            for (Object key : (List<?>) json.get("pending")) {
                pending.add((String) key);
            }
            return new SweepCursor(Instant.ofEpochMilli(((Number) json.get("watermark")).longValue()), pending);
        } catch (JsonSyntaxException | ClassCastException | NullPointerException e) {
            LOG.warn("unreadable sweep cursor: the sweep starts over from the first claim", "error", e.getMessage());
            return START;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SweepCursor && ((SweepCursor) other).watermark.equals(watermark)
                && ((SweepCursor) other).pending.equals(pending);
    }

    @Override
    public int hashCode() {
        return watermark.hashCode() * 31 + pending.hashCode();
    }
}
