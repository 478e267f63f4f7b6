package com.aigcaudio.json;

import com.aigcaudio.core.JsonWritable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values (Map, List, String, Number, Boolean, null) on Jackson's streaming API.
 * The payloads here are small; the streaming API avoids databind's reflection and class loading on the cold path.
 */
public final class Json {
    private static final int MAX_NESTING = 64;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private Json() {
    }

    /** Parses one JSON document; trailing content is an error. */
    public static Object parse(String text) throws JsonSyntaxException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Object parse(byte[] utf8) throws JsonSyntaxException {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonSyntaxException("empty document");
            }
            Object value = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonSyntaxException("unexpected content after the JSON value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new JsonSyntaxException("nested deeper than " + MAX_NESTING + " levels, or a value too long");
        } catch (JsonProcessingException e) {
            throw new JsonSyntaxException(describe(e));
        } catch (IOException e) {
            throw new JsonSyntaxException("malformed JSON");
        }
    }

    /** Jackson's diagnosis in our own words, with where it happened: callers never see a library's names. */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        if (original.startsWith("Unexpected end-of-input")) {
            what = "the document ends too early";
        } else if (original.startsWith("Unrecognized token")) {
            what = "an unquoted word where a value was expected";
        } else if (original.startsWith("Unexpected character")) {
            int quote = original.indexOf('\'');
            what = quote >= 0 && quote + 2 < original.length() && original.charAt(quote + 2) == '\''
                    ? "unexpected character '" + original.charAt(quote + 1) + "'" : "unexpected character";
        } else if (original.contains("control character")) {
            what = "a control character inside a string";
        } else if (original.contains("Invalid UTF-8")) {
            what = "invalid UTF-8";
        } else {
            what = "malformed JSON";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what : what + " at line " + at.getLineNr() + ", column "
                + at.getColumnNr();
    }

    /**
     * A JSON object of a parsed tree (or one built the same way) with its type: the one place that casts. Null stays
     * null; anything else but an object throws ClassCastException, as the plain cast did.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) (Map<?, ?>) value;
    }

    /** Parses a document that must be a JSON object. */
    public static Map<String, Object> parseObject(String text) throws JsonSyntaxException {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonSyntaxException("expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static Object readValue(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (map.containsKey(name)) {
                        // Parsers disagree on which of two values wins; refusing leaves no ambiguity.
                        throw new JsonSyntaxException("duplicate key '" + name + "'", name);
                    }
                    map.put(name, readValue(p, p.nextToken()));
                }
                return map;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(p, next));
                }
                return list;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonSyntaxException("unexpected token " + token);
        }
    }

    /** Serialises a value tree compactly as UTF-8; map entries whose value is null are left out. */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String toString(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (e.getValue() != null) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
            }
            g.writeEndObject();
        } else if (value instanceof Collection) {
            g.writeStartArray();
            for (Object item : (Collection<?>) value) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            g.writeNumber((BigDecimal) value);
        } else if (value instanceof Number) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof JsonWritable) {
            write(g, ((JsonWritable) value).toJsonValue());
        } else {
            g.writeString(value.toString());
        }
    }
}
