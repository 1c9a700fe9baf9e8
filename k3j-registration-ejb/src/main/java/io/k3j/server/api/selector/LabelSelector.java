package io.k3j.server.api.selector;

import io.k3j.server.api.selector.Requirement.Operator;
import io.k3j.server.api.validation.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A label selector in Kubernetes's string syntax: comma-separated requirements, each
 * {@code key}, {@code !key}, {@code key=value}, {@code key==value}, {@code key!=value},
 * {@code key in (a,b)}, {@code key notin (a,b)}, {@code key>1} or {@code key<1}. All must hold.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** The selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    public static LabelSelector of(List<Requirement> requirements) {
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements);
    }

    /**
     * Parses a selector; an empty or blank one matches everything.
     *
     * @throws SelectorException when the text is not a valid selector
     */
    public static LabelSelector parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return EVERYTHING;
        }
        return of(new Parser(text).parse());
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    private enum Token { IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, BANG, GREATER, LESS, OPEN, CLOSE, COMMA, END }

    private record Lexeme(Token token, String text) {
    }

    /** A recursive-descent parser over a small lexer, after Kubernetes's own. */
    private static final class Parser {

        private final String text;
        private final List<Lexeme> lexemes = new ArrayList<>();
        private int position;

        Parser(String text) {
            this.text = text;
            lex();
        }

        private void lex() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith("==", i)) {
                    lexemes.add(new Lexeme(Token.DOUBLE_EQUALS, "=="));
                    i += 2;
                } else if (text.startsWith("!=", i)) {
                    lexemes.add(new Lexeme(Token.NOT_EQUALS, "!="));
                    i += 2;
                } else if (isSpecial(c)) {
                    lexemes.add(new Lexeme(switch (c) {
                        case '=' -> Token.EQUALS;
                        case '!' -> Token.BANG;
                        case '>' -> Token.GREATER;
                        case '<' -> Token.LESS;
                        case '(' -> Token.OPEN;
                        case ')' -> Token.CLOSE;
                        default -> Token.COMMA;
                    }, String.valueOf(c)));
                    i++;
                } else {
                    int start = i;
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && !isSpecial(text.charAt(i))) {
                        i++;
                    }
                    String word = text.substring(start, i);
                    Token token = switch (word) {
                        case "in" -> Token.IN;
                        case "notin" -> Token.NOT_IN;
                        default -> Token.IDENTIFIER;
                    };
                    lexemes.add(new Lexeme(token, word));
                }
            }
            lexemes.add(new Lexeme(Token.END, ""));
        }

        private static boolean isSpecial(char c) {
            return c == '=' || c == '!' || c == '>' || c == '<' || c == '(' || c == ')' || c == ',';
        }

        private Lexeme peek() {
            return lexemes.get(position);
        }

        private Lexeme next() {
            Lexeme lexeme = lexemes.get(position);
            if (lexeme.token() != Token.END) {
                position++;
            }
            return lexeme;
        }

        List<Requirement> parse() {
            List<Requirement> requirements = new ArrayList<>();
            while (true) {
                requirements.add(requirement());
                Lexeme after = next();
                if (after.token() == Token.END) {
                    return requirements;
                }
                if (after.token() != Token.COMMA) {
                    throw error("found " + describe(after) + ", expected: ','");
                }
            }
        }

        private Requirement requirement() {
            boolean negated = peek().token() == Token.BANG;
            if (negated) {
                next();
            }
            Lexeme keyLexeme = next();
            if (keyLexeme.token() != Token.IDENTIFIER) {
                throw error("found " + describe(keyLexeme) + ", expected: " + (negated ? "identifier" : "!, identifier"));
            }
            String key = keyLexeme.text();
            List<String> keyProblems = NameRules.qualifiedName(key);
            if (!keyProblems.isEmpty()) {
                throw error("invalid label key \"" + key + "\": " + String.join("; ", keyProblems));
            }
            if (negated) {
                return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
            }
            Lexeme operator = peek();
            if (operator.token() == Token.END || operator.token() == Token.COMMA) {
                return new Requirement(key, Operator.EXISTS, List.of());
            }
            next();
            return switch (operator.token()) {
                case EQUALS -> exact(key, Operator.EQUALS);
                case DOUBLE_EQUALS -> exact(key, Operator.DOUBLE_EQUALS);
                case NOT_EQUALS -> exact(key, Operator.NOT_EQUALS);
                case GREATER -> numeric(key, Operator.GREATER_THAN);
                case LESS -> numeric(key, Operator.LESS_THAN);
                case IN -> set(key, Operator.IN);
                case NOT_IN -> set(key, Operator.NOT_IN);
                default -> throw error("found " + describe(operator) + ", expected: in, notin, =, ==, !=, gt, lt");
            };
        }

        /** One value, possibly empty ({@code key=} selects an empty label). */
        private Requirement exact(String key, Operator operator) {
            Lexeme value = peek();
            if (value.token() == Token.END || value.token() == Token.COMMA) {
                return new Requirement(key, operator, List.of(""));
            }
            next();
            if (value.token() != Token.IDENTIFIER && value.token() != Token.IN && value.token() != Token.NOT_IN) {
                throw error("found " + describe(value) + ", expected: identifier");
            }
            return new Requirement(key, operator, List.of(checkedValue(key, value.text())));
        }

        private Requirement numeric(String key, Operator operator) {
            Lexeme value = next();
            if (value.token() != Token.IDENTIFIER) {
                throw error("found " + describe(value) + ", expected: identifier");
            }
            try {
                Long.parseLong(value.text());
            } catch (NumberFormatException e) {
                throw error("for 'Gt', 'Lt' operators, the value must be an integer");
            }
            return new Requirement(key, operator, List.of(value.text()));
        }

        private Requirement set(String key, Operator operator) {
            Lexeme open = next();
            if (open.token() != Token.OPEN) {
                throw error("found " + describe(open) + ", expected: '('");
            }
            List<String> values = new ArrayList<>();
            if (peek().token() == Token.CLOSE) {
                next();
                throw error("for 'in', 'notin' operators, values set can't be empty");
            }
            while (true) {
                Lexeme value = peek();
                if (value.token() == Token.IDENTIFIER || value.token() == Token.IN || value.token() == Token.NOT_IN) {
                    next();
                    values.add(checkedValue(key, value.text()));
                } else if (value.token() == Token.COMMA || value.token() == Token.CLOSE) {
                    values.add(""); // "in (a,)" holds the empty value, as in Kubernetes
                } else {
                    throw error("found " + describe(value) + ", expected: ',', ')' or identifier");
                }
                Lexeme separator = next();
                if (separator.token() == Token.CLOSE) {
                    return new Requirement(key, operator, values);
                }
                if (separator.token() != Token.COMMA) {
                    throw error("found " + describe(separator) + ", expected: ',' or ')'");
                }
            }
        }

        private String checkedValue(String key, String value) {
            List<String> problems = NameRules.labelValue(value);
            if (!problems.isEmpty()) {
                throw error("invalid label value: \"" + value + "\": at key: \"" + key + "\": " + String.join("; ", problems));
            }
            return value;
        }

        private static String describe(Lexeme lexeme) {
            return lexeme.token() == Token.END ? "end of string" : "'" + lexeme.text() + "'";
        }

        private SelectorException error(String message) {
            return new SelectorException("unable to parse requirement: " + message + " in label selector \"" + text + "\"");
        }
    }
}
