package com.example.notes;

/** A note: an id and its text. */
public record Note(int id, String body) {
}
