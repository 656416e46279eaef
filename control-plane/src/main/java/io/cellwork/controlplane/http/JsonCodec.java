package io.cellwork.controlplane.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads request bodies into trees under hard limits (nesting depth, string and number length,
 * duplicate keys) and writes response bodies. Thread-safe: Jackson's mapper is, once configured.
 */
public final class JsonCodec {
  /** Deeper than any request of this API needs; deeper bodies are rejected before they cost memory. */
  static final int MAX_NESTING_DEPTH = 16;
  static final int MAX_NUMBER_LENGTH = 40;
  static final int MAX_STRING_LENGTH = 64 * 1024;

  private final ObjectMapper mapper;

  public JsonCodec() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build())
        .build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.mapper = new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  }

  /** Parses a body, or throws a 400 that says what is wrong with it. */
  public JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiError.invalid("body", "is empty; expected a JSON document");
    }
    try {
      JsonNode tree = mapper.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw ApiError.invalid("body", "is empty; expected a JSON document");
      }
      return tree;
    } catch (StreamConstraintsException e) {
      throw ApiError.invalid("body", "exceeds a JSON limit (nesting depth " + MAX_NESTING_DEPTH
          + ", numbers of " + MAX_NUMBER_LENGTH + " digits, strings of " + MAX_STRING_LENGTH + " characters)");
    } catch (JsonProcessingException e) {
      throw ApiError.invalid("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.invalid("body", "cannot be read: " + e.getMessage());
    }
  }

  public byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
