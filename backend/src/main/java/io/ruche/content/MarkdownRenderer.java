package io.ruche.content;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Member Markdown (CommonMark + GitHub tables, strikethrough, autolinks) to HTML that can carry no script.
 * Raw HTML in the source is escaped, unsafe URLs are dropped, and the result goes through an allow-list
 * sanitizer as a second wall. Runs once, at write time; pages serve the stored result.
 */
@Singleton
public class MarkdownRenderer {

    /** {@code @name} not preceded by a word character, as in an e-mail address. */
    public static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([A-Za-z0-9_][A-Za-z0-9_.-]{1,30}[A-Za-z0-9_])");

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create());

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol",
                    "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "img")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .allowAttributes("class").matching(Pattern.compile("mention|language-[A-Za-z0-9_+-]{1,30}"))
            .onElements("a", "code")
            .allowAttributes("src", "alt", "title").onElements("img")
            .allowAttributes("title").onElements("a")
            .allowAttributes("align").matching(Pattern.compile("left|right|center")).onElements("th", "td")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .requireRelsOnLinks("ugc", "nofollow", "noopener")
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    /** Deeper than any post needs: past it, a text is refused rather than rendered (recursion, time). */
    static final int MAX_QUOTE_DEPTH = 32;
    static final int MAX_TREE_DEPTH = 64;
    /**
     * The parser looks for the closing {@code >} of every {@code <} (autolinks, inline HTML): the characters it
     * walks are the sum of those distances. Texts past this budget (tens of thousands of unmatched {@code <}) are
     * refused, so parsing stays within a few milliseconds whatever the input.
     */
    static final long MAX_ANGLE_SCAN = 20_000_000L;

    /** A text shaped so that rendering it would recurse too deep or take too long. */
    public static final class TooComplex extends RuntimeException {
        TooComplex() {
            super("The text nests too deeply or is too complex to render", null, false, false);
        }
    }

    /** Parses after checking the shape of the text; {@link TooComplex} instead of a stack overflow. */
    private Node parse(String markdown) {
        checkShape(markdown);
        Node document;
        try {
            document = parser.parse(markdown);
        } catch (StackOverflowError e) {
            throw new TooComplex();
        }
        if (depthOf(document) > MAX_TREE_DEPTH) {
            throw new TooComplex();
        }
        return document;
    }

    /** Linear checks on the raw text, before the parser sees it. */
    static void checkShape(String markdown) {
        long scan = 0;
        int nextClose = -1;
        for (int i = markdown.length() - 1; i >= 0; i--) {
            char c = markdown.charAt(i);
            if (c == '>') {
                nextClose = i;
            } else if (c == '<') {
                scan += (nextClose < 0 ? markdown.length() : nextClose) - i;
            }
        }
        if (scan > MAX_ANGLE_SCAN) {
            throw new TooComplex();
        }
        int quotes = 0;
        boolean lineStart = true;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\n') {
                lineStart = true;
                quotes = 0;
            } else if (lineStart && c == '>') {
                if (++quotes > MAX_QUOTE_DEPTH) {
                    throw new TooComplex();
                }
            } else if (c != ' ' && c != '\t') {
                lineStart = false;
            }
        }
    }

    /** The depth of the tree, walked without recursion. */
    static int depthOf(Node root) {
        int deepest = 0;
        java.util.ArrayDeque<Node> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(root);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            deepest = Math.max(deepest, depth);
            if (deepest > MAX_TREE_DEPTH) {
                return deepest;
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return deepest;
    }

    /** The usernames a text mentions, in order of first appearance, lower-cased. */
    public Set<String> mentionedNames(String markdown) {
        Set<String> names = new LinkedHashSet<>();
        parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                if (!(text.getParent() instanceof Link)) {
                    Matcher m = MENTION.matcher(text.getLiteral());
                    while (m.find()) {
                        names.add(m.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        });
        return names;
    }

    /**
     * Renders {@code markdown}; {@code @name} becomes a profile link when {@code knownNames} (lower-case) holds
     * it. Code spans and blocks are left as they are.
     */
    public String render(String markdown, Set<String> knownNames) {
        Node document = parse(markdown);
        List<Text> texts = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                if (!(text.getParent() instanceof Link)) {
                    texts.add(text);
                }
            }

            @Override
            public void visit(Code code) {
                // Code spans keep their @ signs.
            }
        });
        for (Text text : texts) {
            linkMentions(text, knownNames);
        }
        try {
            return POLICY.sanitize(renderer.render(document));
        } catch (StackOverflowError e) {
            throw new TooComplex();
        }
    }

    /** Visible text without markup, for excerpts and meta descriptions. */
    public String plainText(String html, int maxLength) {
        String text = textOf(html);
        return text.length() <= maxLength ? text : text.substring(0, maxLength - 1).strip() + "…";
    }

    /** The text a reader sees in stored post HTML: tags removed, entities decoded, spaces folded. */
    public static String textOf(String html) {
        String text = html.replaceAll("<[^>]+>", " ");
        java.util.regex.Matcher numeric = java.util.regex.Pattern.compile("&#(\\d{1,7});").matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (numeric.find()) {
            numeric.appendReplacement(decoded, java.util.regex.Matcher.quoteReplacement(
                    new String(Character.toChars(Integer.parseInt(numeric.group(1))))));
        }
        numeric.appendTail(decoded);
        return decoded.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }

    private static void linkMentions(Text text, Set<String> knownNames) {
        String literal = text.getLiteral();
        Matcher m = MENTION.matcher(literal);
        int last = 0;
        Node anchor = text;
        boolean changed = false;
        while (m.find()) {
            String name = m.group(1);
            if (!knownNames.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            changed = true;
            if (m.start() > last) {
                Text before = new Text(literal.substring(last, m.start()));
                anchor.insertAfter(before);
                anchor = before;
            }
            Link link = new Link("/u/" + name, null);
            link.appendChild(new Text("@" + name));
            anchor.insertAfter(link);
            anchor = link;
            last = m.end();
        }
        if (!changed) {
            return;
        }
        if (last < literal.length()) {
            anchor.insertAfter(new Text(literal.substring(last)));
        }
        text.unlink();
    }
}
