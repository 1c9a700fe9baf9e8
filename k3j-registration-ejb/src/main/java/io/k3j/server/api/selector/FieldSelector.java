package io.k3j.server.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A field selector: comma-separated terms {@code field=value}, {@code field==value} or
 * {@code field!=value}; a backslash escapes {@code ,}, {@code =} and {@code \} in values. All
 * terms must hold.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    private static final List<String> OPERATORS = List.of("!=", "==", "=");

    /**
     * One term.
     *
     * @param field the field label, such as {@code spec.nodeName}
     * @param equal true for {@code =} and {@code ==}, false for {@code !=}
     * @param value the value compared against
     */
    public record Term(String field, boolean equal, String value) {

        public Term {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** The selector of all these terms. */
    public static FieldSelector of(List<Term> terms) {
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
    }

    /**
     * Parses a selector; an empty or blank one matches everything.
     *
     * @throws SelectorException when a term has no operator or a value a bad escape
     */
    public static FieldSelector parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Term> terms = new ArrayList<>();
        for (String term : splitTerms(text)) {
            if (!term.isBlank()) {
                terms.add(parseTerm(term.strip(), text));
            }
        }
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    /**
     * Checks that every field is one the type supports.
     *
     * @throws SelectorException naming the first unsupported field
     */
    public FieldSelector requireSupported(Set<String> supported) {
        for (Term term : terms) {
            if (!supported.contains(term.field())) {
                throw new SelectorException("field label not supported: " + term.field());
            }
        }
        return this;
    }

    /** Whether an object's field values, as the function reads them ("" when absent), meet every term. */
    public boolean matches(Function<String, String> fieldValues) {
        for (Term term : terms) {
            if (term.value().equals(fieldValues.apply(term.field())) != term.equal()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    private static List<String> splitTerms(String text) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    private static Term parseTerm(String term, String text) {
        for (int i = 0; i < term.length(); i++) {
            if (term.charAt(i) == '\\') {
                i++;
                continue;
            }
            for (String operator : OPERATORS) {
                if (term.startsWith(operator, i)) {
                    String field = term.substring(0, i).strip();
                    if (field.isEmpty()) {
                        throw new SelectorException("invalid field selector \"" + text + "\": '" + term + "' names no field");
                    }
                    return new Term(field, !operator.equals("!="), unescape(term.substring(i + operator.length()).strip(), text));
                }
            }
        }
        throw new SelectorException("invalid selector: '" + text + "'; can't understand '" + term + "'");
    }

    private static String unescape(String value, String text) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
                throw new SelectorException("invalid field selector \"" + text + "\": invalid escape sequence in value '"
                        + value + "': only \\\\, \\, and \\= may be escaped");
            }
            out.append(value.charAt(++i));
        }
        return out.toString();
    }
}
