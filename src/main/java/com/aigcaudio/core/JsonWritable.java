package com.aigcaudio.core;

/**
 * A value that writes itself as a plain JSON tree: maps, lists, strings, numbers, booleans and null all the way down,
 * so a platform's own serialiser (the SCF runtime's) writes the same bytes as ours.
 */
public interface JsonWritable {
    Object toJsonValue();
}
