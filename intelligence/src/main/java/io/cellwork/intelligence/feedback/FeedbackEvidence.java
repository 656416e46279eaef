package io.cellwork.intelligence.feedback;

/**
 * What the feedback test has seen for one metric: each arm's size and mean, their difference
 * (served minus holdout) and the always-valid p-value of "no difference".
 *
 * @param metric "outcome" or "model-error"
 * @param holdoutCount samples from tasks served without the model
 * @param holdoutMean their mean
 * @param servedCount samples from tasks the model served
 * @param servedMean their mean
 * @param difference servedMean - holdoutMean
 * @param pValue always-valid p-value, 1 until both arms have the minimum number of samples
 */
public record FeedbackEvidence(
    String metric,
    long holdoutCount,
    double holdoutMean,
    long servedCount,
    double servedMean,
    double difference,
    double pValue) {}
