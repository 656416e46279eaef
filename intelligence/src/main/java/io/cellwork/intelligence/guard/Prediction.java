package io.cellwork.intelligence.guard;

/** A guarded model's answer and which model gave it. */
public record Prediction(double value, Source source) {}
