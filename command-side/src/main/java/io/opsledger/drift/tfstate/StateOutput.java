package io.opsledger.drift.tfstate;

/**
 * One root module output of a Terraform state (format 4): {@code value} and {@code type} are the
 * JSON values as parsed (maps, lists, strings, numbers, booleans), {@code sensitive} as Terraform marked it.
 */
public record StateOutput(Object value, Object type, boolean sensitive) {}
