package com.aigcaudio.json;

/** A value that serialises as the plain JSON tree it returns. */
public interface JsonWritable {
    Object toJsonValue();
}
