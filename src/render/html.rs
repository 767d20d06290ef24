//! `report.html`: the markdown report as one self-contained page. The markdown is rendered with
//! pulldown-cmark (tables on, raw HTML in the markdown passed through only as text), chart images are
//! replaced by the charts' SVG inline, and a small stylesheet serves screen and print.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, VecDeque};

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
/// The events go to the page one at a time: a large team's report has millions of them.
pub fn render(markdown: &str, title: &str, svgs: &BTreeMap<String, String>) -> String {
    let charts: usize = svgs.values().map(String::len).sum();
    let mut page =
        String::with_capacity(markdown.len() + markdown.len() / 2 + charts + STYLE.len());
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    page.push_str(&escape(title));
    page.push_str("</title>\n<style>");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n");
    let events = PageEvents {
        parser: Parser::new_ext(markdown, Options::ENABLE_TABLES),
        svgs,
        skipping: None,
        alt: String::new(),
        drop_paragraph_end: false,
        held: None,
        ready: VecDeque::new(),
    };
    html::push_html(&mut page, events);
    page.push_str("</body>\n</html>\n");
    page
}

/// The page's events made from the markdown's: a chart's image becomes its SVG in a figure (in place of
/// a paragraph holding only the image, since a figure cannot sit in a p), links between the markdown
/// pages of a report point to their HTML twins, and raw HTML is shown as text, never run.
struct PageEvents<'a, 'm> {
    parser: Parser<'m>,
    svgs: &'a BTreeMap<String, String>,
    /// The path of the chart whose image events are being passed over.
    skipping: Option<String>,
    /// The chart's alternative text, gathered while its image events are passed over.
    alt: String,
    /// The end of the paragraph a chart replaced is left out too.
    drop_paragraph_end: bool,
    /// A paragraph's start, held back until the next event shows whether a chart takes its place.
    held: Option<Event<'m>>,
    /// Events ready to go out.
    ready: VecDeque<Event<'m>>,
}

impl<'m> Iterator for PageEvents<'_, 'm> {
    type Item = Event<'m>;

    fn next(&mut self) -> Option<Event<'m>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            match self.parser.next() {
                Some(event) => self.take(event),
                None => return self.held.take(),
            }
        }
    }
}

impl<'m> PageEvents<'_, 'm> {
    /// Makes the page's events from one markdown event.
    fn take(&mut self, event: Event<'m>) {
        if let Some(path) = &self.skipping {
            match event {
                Event::End(TagEnd::Image) => {
                    let svg = self.svgs.get(path).map(String::as_str).unwrap_or_default();
                    let figure = Event::Html(CowStr::from(format!(
                        "<figure role=\"img\" aria-label=\"{}\">{svg}</figure>",
                        escape(&self.alt)
                    )));
                    self.skipping = None;
                    self.alt.clear();
                    self.push(figure);
                }
                Event::Text(t) | Event::Code(t) => self.alt.push_str(&t),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Image { ref dest_url, .. })
                if self.svgs.contains_key(dest_url.as_ref()) =>
            {
                if self.held.take().is_some() {
                    self.drop_paragraph_end = true;
                }
                self.skipping = Some(dest_url.to_string());
            }
            Event::End(TagEnd::Paragraph) if self.drop_paragraph_end => {
                self.drop_paragraph_end = false
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !dest_url.contains(':') && dest_url.ends_with(".md") => {
                let html_url = format!("{}.html", &dest_url[..dest_url.len() - 3]);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(html_url),
                    title,
                    id,
                }));
            }
            Event::Html(t) | Event::InlineHtml(t) => self.push(Event::Text(t)),
            e => self.push(e),
        }
    }

    /// Sends an event on; a paragraph's start waits for the next event.
    fn push(&mut self, event: Event<'m>) {
        if let Some(held) = self.held.take() {
            self.ready.push_back(held);
        }
        if matches!(event, Event::Start(Tag::Paragraph)) {
            self.held = Some(event);
        } else {
            self.ready.push_back(event);
        }
    }
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

    #[test]
    fn only_a_paragraph_holding_just_a_chart_gives_way_to_its_figure() {
        let mut svgs = BTreeMap::new();
        svgs.insert("c.png".to_string(), "<svg></svg>".to_string());
        let page = render(
            "First.\n\n![Chart](c.png)\n\nSee ![Chart](c.png) here.\n\n![Photo](p.png)\n\nLast.\n",
            "t",
            &svgs,
        );
        let body = &page[page.find("<body>").unwrap()..];
        assert_eq!(
            body,
            "<body>\n<p>First.</p>\n<figure role=\"img\" aria-label=\"Chart\"><svg></svg></figure>\n\
             <p>See <figure role=\"img\" aria-label=\"Chart\"><svg></svg></figure> here.</p>\n\
             <p><img src=\"p.png\" alt=\"Photo\" /></p>\n<p>Last.</p>\n</body>\n</html>\n"
        );
    }
}
