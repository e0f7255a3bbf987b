package io.ruche.pages;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * The app's page (the built {@code index.html}: its stylesheet and script) around server-rendered content: the
 * reader's language on {@code <html>}, the page's title and head links, the content inside {@code #app} where the
 * app mounts and takes over, and a little first-paint CSS for that content so it reads well before the app loads.
 */
@Singleton
public class PageShell {

    private static final String FIRST_PAINT = """
            <style>
            .ssr{max-width:960px;margin:0 auto;padding:16px;font-family:var(--ruche-font,system-ui,sans-serif);color:var(--ruche-color-text,#1d1d1f);line-height:1.5}
            .ssr a{color:var(--ruche-color-link,var(--ruche-color-accent,#9a5b00))}
            .ssr-muted{color:var(--ruche-color-muted,#5f5f66);font-size:.9rem}
            .ssr-post{border-top:1px solid var(--ruche-color-border,#ddd);padding:16px 0}
            .ssr-post header{font-size:.9rem;color:var(--ruche-color-muted,#5f5f66);margin-bottom:8px}
            .ssr-answer{border:2px solid var(--ruche-color-success,#1b7a3a);border-radius:8px;padding:12px 16px;margin:16px 0}
            .ssr-note{border:1px solid var(--ruche-color-accent,#9a5b00);border-radius:8px;padding:8px 12px}
            .ssr-pages a,.ssr-pages span{display:inline-block;padding:4px 10px;margin:2px;border:1px solid var(--ruche-color-border,#ddd);border-radius:6px}
            .ssr-threads{list-style:none;padding:0}.ssr-threads li{padding:8px 0;border-bottom:1px solid var(--ruche-color-border,#ddd)}
            .ssr-threads li>a{display:block;font-weight:600}.ssr-profile{display:flex;gap:16px;align-items:center}
            .ssr-badge{border:1px solid currentColor;border-radius:999px;padding:0 6px;font-size:.8rem}
            .ssr img{max-width:100%;height:auto}
            </style>
            """;

    private final String index;

    public PageShell(ResourceResolver resources) {
        this.index = resources.getResourceAsStream("classpath:public/index.html").map(PageShell::read)
                .orElse("<!doctype html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Ruche</title></head>"
                        + "<body><div id=\"app\"></div></body></html>");
    }

    /** The whole page: {@code head} is ready HTML (escaped by its maker), {@code content} the rendered body. */
    public String page(String lang, String title, String head, String content) {
        String page = index.replaceFirst("<html lang=\"[^\"]*\"", "<html lang=\"" + lang + "\"")
                .replaceFirst("<title>[^<]*</title>", Matcher.quoteReplacement("<title>" + escape(title) + "</title>"));
        page = page.replaceFirst("</head>", Matcher.quoteReplacement(head + FIRST_PAINT + "</head>"));
        return page.replaceFirst("<div id=\"app\"></div>", Matcher.quoteReplacement("<div id=\"app\">" + content + "</div>"));
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
