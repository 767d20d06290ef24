//! `report.html`: the markdown report as one self-contained page. The markdown is rendered with
//! pulldown-cmark (tables on, raw HTML in the markdown passed through only as text), chart images are
//! replaced by the charts' SVG inline, and a small stylesheet serves screen and print.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;\
max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}\
h1{font-size:1.7rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:1rem 0;font-size:.92rem;display:block;overflow-x:auto}th,td{border:1px solid #ddd;padding:.3rem .55rem}\
th{background:#f4f4f4}td{vertical-align:top;white-space:nowrap}figure{margin:1rem 0}figure svg{width:100%;height:auto;display:block}\
figcaption{color:#666;font-size:.85rem}code{font-size:.9em}\
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}figure,table{page-break-inside:avoid}}";

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if let Some(entity) = super::text::html_entity(ch) {
            out.push_str(entity);
            continue;
        }
        match ch {
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `markdown` to a complete page; images whose path is a key of `svgs` become that SVG inline.
pub fn render(markdown: &str, title: &str, svgs: &BTreeMap<String, String>) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut skipping: Option<String> = None;
    let mut alt = String::new();
    // A chart alone in its paragraph becomes a figure without the paragraph (a figure cannot sit in a p).
    let mut drop_paragraph_end = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        if let Some(path) = &skipping {
            match event {
                Event::End(TagEnd::Image) => {
                    let svg = svgs.get(path).map(String::as_str).unwrap_or_default();
                    events.push(Event::Html(CowStr::from(format!(
                        "<figure role=\"img\" aria-label=\"{}\">{svg}</figure>",
                        escape(&alt)
                    ))));
                    skipping = None;
                    alt.clear();
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Image { ref dest_url, .. })
                if svgs.contains_key(dest_url.as_ref()) =>
            {
                if matches!(events.last(), Some(Event::Start(Tag::Paragraph))) {
                    events.pop();
                    drop_paragraph_end = true;
                }
                skipping = Some(dest_url.to_string());
            }
            Event::End(TagEnd::Paragraph) if drop_paragraph_end => drop_paragraph_end = false,
            // Links between the markdown pages of a report point to their HTML twins in a browser.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !dest_url.contains(':') && dest_url.ends_with(".md") => {
                let html_url = format!("{}.html", &dest_url[..dest_url.len() - 3]);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(html_url),
                    title,
                    id,
                }));
            }
            // Raw HTML in the markdown (none is written on purpose) is shown as text, never run.
            Event::Html(t) | Event::InlineHtml(t) => events.push(Event::Text(t)),
            e => events.push(e),
        }
    }
    let mut body = String::new();
    html::push_html(&mut body, events.into_iter());
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_become_inline_svg_and_names_stay_text() {
        let md = "# Report: A &lt;script&gt;\n\n| a | b |\n|---|---|\n| 1 | <b>x</b> |\n\n![Trend](charts/t.png)\n";
        let mut svgs = BTreeMap::new();
        svgs.insert(
            "charts/t.png".to_string(),
            "<svg viewBox=\"0 0 1 1\"></svg>".to_string(),
        );
        let page = render(md, "Report: A <script>", &svgs);
        assert!(page.contains("<title>Report: A &lt;script&gt;</title>"));
        assert!(page.contains(
            "<figure role=\"img\" aria-label=\"Trend\"><svg viewBox=\"0 0 1 1\"></svg></figure>"
        ));
        assert!(!page.contains("<img"));
        assert!(!page.contains("<p><figure"), "{page}");
        let md2 = "## Charts\n\n### SSI over time\n\n![SSI over time](charts/t.png)\n\n### Next\n";
        let page2 = render(md2, "t", &svgs);
        assert!(page2.contains("</h3>\n<figure"), "{page2}");
        assert!(!page2.contains("<p><figure"), "{page2}");
        assert!(page.contains("<table>"));
        assert!(page.contains("&lt;b&gt;x&lt;/b&gt;"), "{page}");
        assert!(!page.contains("<script"));
        let linked = render(
            "[Ann](people/ann.md) [web](https://x.test/a.md)",
            "t",
            &svgs,
        );
        assert!(linked.contains("href=\"people/ann.html\""), "{linked}");
        assert!(linked.contains("href=\"https://x.test/a.md\""));
    }
}
