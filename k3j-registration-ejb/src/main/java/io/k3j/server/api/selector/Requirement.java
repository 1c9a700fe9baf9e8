package io.k3j.server.api.selector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One term of a label selector, such as {@code tier in (web, api)}.
 *
 * @param key the label key
 * @param operator how the label is compared
 * @param values the values compared against; empty for the existence operators
 */
public record Requirement(String key, Operator operator, List<String> values) {

    /** The comparisons of label selectors. */
    public enum Operator {
        EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), IN("in"), NOT_IN("notin"),
        EXISTS(""), DOES_NOT_EXIST("!"), GREATER_THAN(">"), LESS_THAN("<");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    /** Whether a set of labels meets this requirement; a missing label meets != and notin. */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> value != null && values.contains(value);
            case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
            case GREATER_THAN -> compare(value) > 0;
            case LESS_THAN -> compare(value) < 0;
        };
    }

    /** The label's number compared with the requirement's, or 0 (no match) when either is not a number. */
    private int compare(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN, NOT_IN -> key + " " + operator.symbol() + " (" + values.stream().collect(Collectors.joining(",")) + ")";
            default -> key + operator.symbol() + values.get(0);
        };
    }
}
