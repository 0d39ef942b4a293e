//! Charts: drawing a [`StackedBars`] chart and exporting it as SVG, PNG or PDF.
//!
//! This module owns the picture: its layout (title, axis, bars, totals, legend, footnote),
//! the palette, the bundled font, and the conversions. plotters draws each chart once, to
//! SVG text; resvg rasterises that SVG to PNG and svg2pdf turns it into a vector PDF, so
//! every format shows the same picture. Text is looked up only in a font database holding
//! the bundled IPAexGothic (see `core/assets/fonts/README.md`), never the system's fonts,
//! so a chart looks the same on every machine.
//!
//! It does not own the numbers: callers (the inventory views) decide what is charted and
//! convert money to display units before building a [`StackedBars`]. It does not choose
//! where files go either; [`write_file`] writes where it is told.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use resvg::{tiny_skia, usvg};

/// A chart of stacked bars: one bar per category, one coloured segment per series.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StackedBars {
    /// The heading drawn at the top.
    pub title: String,
    /// What the vertical axis measures, e.g. "Monthly spend (JPY)" / "月額費用（円）".
    pub y_label: String,
    /// One label per bar, e.g. department names.
    pub categories: Vec<String>,
    /// One segment per bar for each series, e.g. one series per tool.
    pub series: Vec<BarSeries>,
    /// A footnote line, e.g. "USD at 150 JPY (as of 2026-11-01)".
    pub note: Option<String>,
}

/// One series of a [`StackedBars`] chart: a name for the legend and one value per category.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BarSeries {
    /// The name shown in the legend.
    pub name: String,
    /// One value per category, in display units; missing values count as 0, extra ones are
    /// ignored, and NaN or infinite values are drawn as 0.
    pub values: Vec<f64>,
}

/// A file format a chart can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    /// A raster picture of exactly the requested pixel size.
    Png,
    /// One A4 landscape page holding the chart as vector graphics.
    Pdf,
    /// The SVG text plotters drew.
    Svg,
}

impl ChartFormat {
    /// The file name extension for this format, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            ChartFormat::Png => "png",
            ChartFormat::Pdf => "pdf",
            ChartFormat::Svg => "svg",
        }
    }
}

impl FromStr for ChartFormat {
    type Err = ChartError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "png" => Ok(ChartFormat::Png),
            "pdf" => Ok(ChartFormat::Pdf),
            "svg" => Ok(ChartFormat::Svg),
            _ => Err(ChartError::UnknownFormat(s.to_owned())),
        }
    }
}

/// Everything that can go wrong while drawing or exporting a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The requested picture size is outside 320..=8000 pixels on a side.
    #[error(
        "render chart: {width}×{height} pixels is not allowed; \
         each side must be between {MIN_SIDE} and {MAX_SIDE}"
    )]
    BadSize {
        /// The requested width in pixels.
        width: u32,
        /// The requested height in pixels.
        height: u32,
    },
    /// A format name other than png, pdf or svg.
    #[error("parse chart format: '{0}' is not one of png, pdf, svg")]
    UnknownFormat(String),
    /// Drawing the SVG, parsing it or rasterising it failed.
    #[error("render chart: {0}")]
    Render(String),
    /// Converting the chart to PDF failed.
    #[error("convert chart to pdf: {0}")]
    Pdf(String),
    /// Writing the chart file failed.
    #[error("write chart to {}: {source}", path.display())]
    Io {
        /// The file the user asked for (its temporary sibling is written first).
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// The default picture width in pixels: slide size.
pub const DEFAULT_WIDTH: u32 = 1600;
/// The default picture height in pixels: slide size.
pub const DEFAULT_HEIGHT: u32 = 900;

const MIN_SIDE: u32 = 320;
const MAX_SIDE: u32 = 8000;

/// The family name inside `ipaexg.ttf`; every text element asks for it by name.
const FONT_FAMILY: &str = "IPAexGothic";
/// The bundled font (IPAexGothic, Latin and Japanese; licence beside it in
/// `core/assets/fonts/`). The charts draw with it, and the window loads it
/// too, so that Japanese text shows on a machine with no CJK font.
pub static FONT_DATA: &[u8] = include_bytes!("../assets/fonts/ipaexg.ttf");

/// A4 landscape in PDF points, and the margin kept around the chart on that page.
const A4_LANDSCAPE: (f64, f64) = (842.0, 595.0);
const PAGE_MARGIN: f64 = 36.0;

/// Series colours, in order. The first eight are the Okabe–Ito palette, which stays
/// distinguishable under the common colour-vision deficiencies; the last four come from
/// Paul Tol's "muted" scheme and differ from those in lightness. A chart with more than
/// twelve series repeats colours, because no palette keeps more apart reliably.
const PALETTE: [RGBColor; 12] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x33, 0x33, 0x33),
    RGBColor(0x88, 0x22, 0x55),
    RGBColor(0x44, 0xAA, 0x99),
    RGBColor(0x99, 0x99, 0x33),
    RGBColor(0x33, 0x22, 0x88),
];

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const SOFT_INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// Draws `chart` as an SVG document of `width`×`height` pixels.
pub fn render_svg(chart: &StackedBars, width: u32, height: u32) -> Result<String, ChartError> {
    check_size(width, height)?;
    let layout = Layout::new(chart, width, height);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(&root, &layout).map_err(|e| ChartError::Render(e.to_string()))?;
        root.present().map_err(|e| ChartError::Render(e.to_string()))?;
    }
    Ok(svg)
}

/// Draws `chart` and encodes it as `format`: a PNG of exactly `width`×`height` pixels, one
/// A4 landscape PDF page with the same picture as vector graphics, or the SVG text.
pub fn render(
    chart: &StackedBars,
    format: ChartFormat,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ChartError> {
    let svg = render_svg(chart, width, height)?;
    match format {
        ChartFormat::Svg => Ok(svg.into_bytes()),
        ChartFormat::Png => svg_to_png(&svg, width, height),
        ChartFormat::Pdf => svg_to_pdf(&svg, width, height),
    }
}

/// Draws `chart` as `format` and writes it to `path` atomically: the bytes go to a
/// temporary file in the same folder, which is then renamed over `path`.
pub fn write_file(
    chart: &StackedBars,
    format: ChartFormat,
    width: u32,
    height: u32,
    path: &Path,
) -> Result<(), ChartError> {
    let bytes = render(chart, format, width, height)?;

    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    // Process id and a counter keep two exports to the same path from sharing a temp file.
    static EXPORTS: AtomicU64 = AtomicU64::new(0);
    let temp = folder.join(format!(
        ".{}.{}-{}.tmp",
        file_name.unwrap_or_else(|| "chart".to_owned()),
        std::process::id(),
        EXPORTS.fetch_add(1, Ordering::Relaxed)
    ));
    let io_error = |p: &Path| {
        let p = p.to_path_buf();
        move |source| ChartError::Io { path: p, source }
    };

    let written = std::fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(&bytes)?;
            file.sync_all()
        })
        .map_err(io_error(path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }

    std::fs::rename(&temp, path).map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        ChartError::Io { path: path.to_path_buf(), source }
    })
}

fn check_size(width: u32, height: u32) -> Result<(), ChartError> {
    let allowed = MIN_SIDE..=MAX_SIDE;
    if allowed.contains(&width) && allowed.contains(&height) {
        Ok(())
    } else {
        Err(ChartError::BadSize { width, height })
    }
}

// ---- Conversions -------------------------------------------------------------------------

/// The font database, parsed once: only the bundled face, which also answers for the
/// generic families so that no text can fall back to a system font.
fn font_db() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        // A shared static slice, not `load_font_data`, so the 6 MB are never copied.
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(FONT_DATA)));
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn usvg_options() -> usvg::Options<'static> {
    let mut options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        languages: vec!["ja".to_owned(), "en".to_owned()],
        ..usvg::Options::default()
    };
    options.fontdb = font_db();
    options
}

fn parse_svg(svg: &str) -> Result<usvg::Tree, ChartError> {
    usvg::Tree::from_str(svg, &usvg_options())
        .map_err(|e| ChartError::Render(format!("parse svg: {e}")))
}

fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let tree = parse_svg(svg)?;

    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ChartError::Render(format!("allocate {width}×{height} pixmap")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale_x = width as f32 / tree.size().width();
    let scale_y = height as f32 / tree.size().height();
    let transform = tiny_skia::Transform::from_scale(scale_x, scale_y);
    resvg::render(&tree, transform, &mut pixmap.as_mut());

    pixmap.encode_png().map_err(|e| ChartError::Render(format!("encode png: {e}")))
}

/// svg2pdf makes the page exactly as big as the SVG, so the chart is placed, scaled and
/// centred, inside an outer SVG the size of an A4 landscape page in points.
fn svg_to_pdf(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let (page_w, page_h) = A4_LANDSCAPE;
    let scale = ((page_w - 2.0 * PAGE_MARGIN) / f64::from(width))
        .min((page_h - 2.0 * PAGE_MARGIN) / f64::from(height));
    let left = (page_w - scale * f64::from(width)) / 2.0;
    let top = (page_h - scale * f64::from(height)) / 2.0;

    let body_start = svg.find('>').map(|i| i + 1);
    let body_end = svg.rfind("</svg>");
    let (Some(start), Some(end)) = (body_start, body_end) else {
        return Err(ChartError::Pdf("the drawn svg has no <svg> element".to_owned()));
    };
    let mut page = String::with_capacity(svg.len() + 400);
    let _ = write!(
        page,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{page_w}" height="{page_h}" "#
    );
    let _ = write!(page, r#"viewBox="0 0 {page_w} {page_h}">"#);
    let _ = write!(page, r#"<rect width="{page_w}" height="{page_h}" fill="white"/>"#);
    let _ = write!(page, r#"<g transform="translate({left} {top}) scale({scale})">"#);
    page.push_str(&svg[start..end]);
    page.push_str("</g></svg>");

    let tree = parse_svg(&page)?;
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), svg2pdf::PageOptions::default())
        .map_err(|e| ChartError::Pdf(e.to_string()))
}

// ---- Documents ------------------------------------------------------------------------------

/// One line of a document (a review, for now), as [`document_pdf`] lays it out.
#[derive(Clone, Debug)]
pub struct DocLine {
    text: String,
    style: DocStyle,
    /// A word set at the right edge, e.g. a review item's mark.
    right: Option<(String, bool)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum DocStyle {
    Title,
    Text,
    Item,
    Note,
    Gap,
}

impl DocLine {
    /// The heading.
    pub fn title(text: &str) -> DocLine {
        DocLine { text: text.to_owned(), style: DocStyle::Title, right: None }
    }
    /// A line of body text; long lines wrap.
    pub fn text(text: &str) -> DocLine {
        DocLine { text: text.to_owned(), style: DocStyle::Text, right: None }
    }
    /// A list item with a word at the right (drawn in red when `alert`).
    pub fn item(text: &str, right: &str, alert: bool) -> DocLine {
        DocLine {
            text: text.to_owned(),
            style: DocStyle::Item,
            right: Some((right.to_owned(), alert)),
        }
    }
    /// A smaller, indented note under an item.
    pub fn note(text: &str) -> DocLine {
        DocLine { text: text.to_owned(), style: DocStyle::Note, right: None }
    }
    /// Some space.
    pub fn gap() -> DocLine {
        DocLine { text: String::new(), style: DocStyle::Gap, right: None }
    }
}

/// Breaks `text` into lines at most `max` pixels wide at `size`: at spaces for words,
/// anywhere between CJK characters.
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        if text_width(&line, size) > max {
            let cut = line.rfind(' ').filter(|&i| i > 0 && line.is_char_boundary(i));
            let (keep, rest) = match cut {
                Some(i) if !c.is_whitespace() && line[..i].chars().count() > 8 => {
                    (line[..i].to_owned(), line[i + 1..].to_owned())
                }
                _ => {
                    let mut keep = line.clone();
                    keep.pop();
                    (keep, c.to_string())
                }
            };
            lines.push(keep);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays `lines` out on as many A4 landscape pages as they need and returns them as one
/// vector PDF, with the bundled font; pages after the first are numbered.
pub fn document_pdf(lines: &[DocLine]) -> Result<Vec<u8>, ChartError> {
    let (page_h, page_w) = A4_LANDSCAPE;
    let margin = PAGE_MARGIN + 12.0;
    let pages = document_svgs(lines, page_w, page_h, margin);
    if let [one] = pages.as_slice() {
        let tree = parse_svg(one)?;
        return svg2pdf::to_pdf(
            &tree,
            svg2pdf::ConversionOptions::default(),
            svg2pdf::PageOptions::default(),
        )
        .map_err(|e| ChartError::Pdf(e.to_string()));
    }

    // svg2pdf writes one page per SVG; more pages are its pieces (form
    // XObjects), renumbered into one document and each drawn on a page.
    use pdf_writer::{Finish, Name, Pdf, Rect, Ref};
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut kids = Vec::new();
    for svg in &pages {
        let tree = parse_svg(svg)?;
        let (chunk, drawing) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| ChartError::Pdf(e.to_string()))?;
        let mut ids = std::collections::HashMap::new();
        let chunk = chunk.renumber(|old| *ids.entry(old).or_insert_with(|| alloc.bump()));
        let drawing = ids[&drawing];
        pdf.extend(&chunk);

        let (page_id, content_id) = (alloc.bump(), alloc.bump());
        let mut content = pdf_writer::Content::new();
        content.transform([page_w as f32, 0.0, 0.0, page_h as f32, 0.0, 0.0]);
        content.x_object(Name(b"P"));
        pdf.stream(content_id, &content.finish());
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, page_w as f32, page_h as f32));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(Name(b"P"), drawing);
        page.finish();
        kids.push(page_id);
    }
    pdf.catalog(catalog).pages(tree_id);
    pdf.pages(tree_id).count(kids.len() as i32).kids(kids);
    Ok(pdf.finish())
}

/// The SVG of each page of `lines` on pages `w` × `h` points with `margin` around: a
/// line goes to the next page when its wrapped text would run past the bottom margin.
fn document_svgs(lines: &[DocLine], w: f64, h: f64, margin: f64) -> Vec<String> {
    learn_chars(
        lines.iter().flat_map(|l| [l.text.as_str(), l.right.as_ref().map_or("", |r| r.0.as_str())]),
    );
    let open = || {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="white"/>"#
        )
    };
    let mut pages = Vec::new();
    let mut svg = open();
    let mut y = margin;
    let width = w - 2.0 * margin;
    for line in lines {
        let (size, indent, color) = match line.style {
            DocStyle::Title => (18.0, 0.0, "#1a1a1a"),
            DocStyle::Text => (10.5, 0.0, "#1a1a1a"),
            DocStyle::Item => (10.5, 0.0, "#1a1a1a"),
            DocStyle::Note => (9.0, 18.0, "#555555"),
            DocStyle::Gap => {
                y += 10.0;
                continue;
            }
        };
        let right_w = line.right.as_ref().map_or(0.0, |(r, _)| text_width(r, size) + 16.0);
        let parts = wrap(&clean(&line.text), size, width - indent - right_w);
        let needed = parts.len() as f64 * size * 1.45;
        if y + needed > h - margin && y > margin {
            pages.push(std::mem::replace(&mut svg, open()));
            y = margin;
        }
        for (i, part) in parts.iter().enumerate() {
            y += size * 1.45;
            let _ = write!(
                svg,
                r#"<text x="{}" y="{y:.1}" font-family="{FONT_FAMILY}" font-size="{size:.2}" fill="{color}" xml:space="preserve">{}</text>"#,
                margin + indent,
                escape_xml(part)
            );
            if let (0, Some((right, alert))) = (i, &line.right) {
                let fill = if *alert { "#c0392b" } else { "#1a1a1a" };
                let _ = write!(
                    svg,
                    r#"<text x="{}" y="{y:.1}" font-family="{FONT_FAMILY}" font-size="{size:.2}" fill="{fill}" text-anchor="end">{}</text>"#,
                    w - margin,
                    escape_xml(&clean(right))
                );
            }
        }
        if line.style == DocStyle::Title {
            y += 8.0;
            let _ = write!(
                svg,
                r##"<line x1="{margin}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#999999" stroke-width="0.8"/>"##,
                w - margin
            );
            y += 6.0;
        } else if line.style == DocStyle::Item {
            y += 3.0;
        }
    }
    pages.push(svg);

    // Each page is closed here, numbered when there is more than one.
    let count = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        if count > 1 {
            let _ = write!(
                page,
                r##"<text x="{}" y="{:.1}" font-family="{FONT_FAMILY}" font-size="9" fill="#555555" text-anchor="end">{} / {count}</text>"##,
                w - margin,
                h - margin / 2.0,
                n + 1
            );
        }
        page.push_str("</svg>");
    }
    pages
}

// ---- Text ----------------------------------------------------------------------------------

/// Makes a respondent's text safe to place in XML and fit on one line: control characters
/// (a cell's line breaks, stray NULs) become spaces, runs of spaces collapse. plotters
/// escapes `<`, `&` and quotes itself, but XML 1.0 has no escape for control characters.
fn clean(text: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' { ' ' } else { c })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Advance widths of characters in the bundled font, in em, measured by usvg itself so
/// that layout agrees with what is drawn. Kerning is ignored; the layout leaves slack.
fn advances() -> &'static Mutex<HashMap<char, f64>> {
    static ADVANCES: OnceLock<Mutex<HashMap<char, f64>>> = OnceLock::new();
    ADVANCES.get_or_init(|| {
        let mut known = HashMap::new();
        measure_chars((' '..='~').collect(), &mut known);
        Mutex::new(known)
    })
}

fn measure_chars(chars: Vec<char>, known: &mut HashMap<char, f64>) {
    const SIZE: f64 = 100.0;
    let mut svg = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" "#);
    svg.push_str(r#"height="10">"#);
    for (i, c) in chars.iter().enumerate() {
        // Each character sits between two 'x's, so a space is measured too.
        let _ = write!(svg, r#"<text id="c{i}" font-family="{FONT_FAMILY}" font-size="{SIZE}" "#);
        let _ = write!(svg, r#"xml:space="preserve">x{}x</text>"#, escape_xml(&c.to_string()));
    }
    let _ = write!(svg, r#"<text id="xx" font-family="{FONT_FAMILY}" font-size="{SIZE}" "#);
    svg.push_str(r#"xml:space="preserve">xx</text></svg>"#);

    let width_of = |tree: &usvg::Tree, id: &str| match tree.node_by_id(id) {
        Some(usvg::Node::Text(text)) => Some(f64::from(text.bounding_box().width())),
        _ => None,
    };
    let tree = usvg::Tree::from_str(&svg, &usvg_options()).ok();
    let pair = tree.as_ref().and_then(|t| width_of(t, "xx")).unwrap_or(SIZE);
    for (i, c) in chars.into_iter().enumerate() {
        let measured = tree.as_ref().and_then(|t| width_of(t, &format!("c{i}")));
        // One em is what a CJK glyph takes, the widest common case.
        let em = measured.map(|w| (w - pair) / SIZE).filter(|w| *w >= 0.0).unwrap_or(1.0);
        known.insert(c, em);
    }
}

/// The width in pixels of `text` set at `size` pixels.
fn text_width(text: &str, size: f64) -> f64 {
    let mut known = advances().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    measure_missing(text.chars(), &mut known);
    text.chars().map(|c| known.get(&c).copied().unwrap_or(1.0)).sum::<f64>() * size
}

/// Measures every string of the chart in one usvg pass, so drawing a chart full of new
/// characters parses one small SVG rather than one per label.
fn learn_chars<'a>(texts: impl IntoIterator<Item = &'a str>) {
    let mut known = advances().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    measure_missing(texts.into_iter().flat_map(str::chars), &mut known);
}

fn measure_missing(chars: impl Iterator<Item = char>, known: &mut HashMap<char, f64>) {
    let mut missing: Vec<char> = chars.filter(|c| !known.contains_key(c)).collect();
    if !missing.is_empty() {
        missing.sort_unstable();
        missing.dedup();
        measure_chars(missing, known);
    }
}

/// Shortens `text` with an ellipsis until it is at most `max` pixels wide at `size`.
fn fit(text: &str, size: f64, max: f64) -> String {
    if text_width(text, size) <= max {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if text_width(&candidate, size) <= max {
            return candidate;
        }
    }
    String::new()
}

/// Formats a number with thousands separators: 120000 → "120,000", 1234.5 → "1,234.5".
fn format_number(value: f64) -> String {
    let value = if value.abs() < 1e-9 { 0.0 } else { value };
    let decimals = if (value - value.round()).abs() < 1e-6 { 0 } else { 2 };
    let digits = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (digits.as_str(), ""),
    };

    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A step of 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let mantissa = raw / power;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|n| mantissa <= *n + 1e-9);
    nice.unwrap_or(10.0) * power
}

// ---- Layout --------------------------------------------------------------------------------

/// A piece of text placed on the picture, in pixels.
struct Label {
    text: String,
    x: f64,
    y: f64,
    size: f64,
    pos: Pos,
    color: RGBColor,
    vertical: bool,
}

impl Label {
    fn new(text: String, (x, y): (f64, f64), size: f64, pos: Pos, color: RGBColor) -> Label {
        Label { text, x, y, size, pos, color, vertical: false }
    }
}

/// One coloured piece of a bar, in pixels.
struct Segment {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    color: RGBColor,
}

/// Where everything goes, worked out before anything is drawn.
struct Layout {
    labels: Vec<Label>,
    segments: Vec<Segment>,
    /// Horizontal lines: y, x from, x to, colour, stroke width.
    lines: Vec<(f64, f64, f64, RGBColor, f64)>,
    /// Legend swatches: top-left corner, side, colour.
    swatches: Vec<(f64, f64, f64, RGBColor)>,
}

impl Layout {
    fn new(chart: &StackedBars, width: u32, height: u32) -> Layout {
        let (w, h) = (f64::from(width), f64::from(height));
        // Text and spacing grow with the picture's area, so 1600×900 is the design size.
        let k = (w * h / (1600.0 * 900.0)).sqrt().clamp(0.45, 3.0);
        let pad = 28.0 * k;

        let title = clean(&chart.title);
        let y_label = clean(&chart.y_label);
        let note = chart.note.as_deref().map(clean).filter(|n| !n.is_empty());
        let categories: Vec<String> = chart.categories.iter().map(|c| clean(c)).collect();
        let names: Vec<String> = chart.series.iter().map(|s| clean(&s.name)).collect();
        learn_chars(
            [title.as_str(), y_label.as_str(), note.as_deref().unwrap_or(""), "0123456789,.-…"]
                .into_iter()
                .chain(categories.iter().map(String::as_str))
                .chain(names.iter().map(String::as_str)),
        );

        let mut layout = Layout {
            labels: Vec::new(),
            segments: Vec::new(),
            lines: Vec::new(),
            swatches: vec![],
        };

        // Title across the top, footnote along the bottom.
        let title_size = (40.0 * k).min((w - 2.0 * pad) / text_width(&title, 1.0).max(1.0));
        let title_size = title_size.max(12.0 * k);
        let title_text = fit(&title, title_size, w - 2.0 * pad);
        let top_pos = Pos::new(HPos::Center, VPos::Top);
        layout.labels.push(Label::new(title_text, (w / 2.0, pad), title_size, top_pos, INK));
        let mut top = pad + title_size * 1.25 + 18.0 * k;
        let mut bottom = h - pad;
        if let Some(note) = &note {
            let size = 17.0 * k;
            let pos = Pos::new(HPos::Left, VPos::Bottom);
            let text = fit(note, size, w - 2.0 * pad);
            layout.labels.push(Label::new(text, (pad, bottom), size, pos, SOFT_INK));
            bottom -= size * 1.3 + 14.0 * k;
        }

        let values = bar_values(chart);
        if values.is_empty() {
            let size = 34.0 * k;
            let middle = (w / 2.0, (top + bottom) / 2.0);
            let pos = Pos::new(HPos::Center, VPos::Center);
            layout.labels.push(Label::new("No data".to_owned(), middle, size, pos, SOFT_INK));
            return layout;
        }

        // The legend takes a column on the right, top of the stack listed first.
        let mut right = w - pad;
        if names.iter().any(|n| !n.is_empty()) {
            top += 4.0 * k;
            right = layout.place_legend(&names, right, top, bottom, w, k);
        }

        // The y-axis title, rotated, along the left edge.
        let mut left = pad;
        if !y_label.is_empty() {
            let size = 19.0 * k;
            let text = fit(&y_label, size, bottom - top);
            let mut label = Label::new(text, (left, (top + bottom) / 2.0), size, top_pos, SOFT_INK);
            label.vertical = true;
            layout.labels.push(label);
            left += size * 1.2 + 12.0 * k;
        }

        // The value range, with nice ticks; the top gets room for the totals later.
        let stack_top = values.iter().map(|v| v.positive).fold(0.0, f64::max);
        let stack_bottom = values.iter().map(|v| v.negative).fold(0.0, f64::min);
        let (data_max, data_min) =
            if stack_top - stack_bottom <= 0.0 { (10.0, 0.0) } else { (stack_top, stack_bottom) };
        let step = nice_step((data_max - data_min) / 6.0);
        let y_min = (data_min / step).floor() * step;
        let tick_size = 17.0 * k;
        let widest_tick = [y_min, data_max + 3.0 * step]
            .iter()
            .map(|v| text_width(&format_number(*v), tick_size))
            .fold(0.0, f64::max);
        left += widest_tick + 12.0 * k;

        // Category labels: straight if they fit under their bar, else smaller, else
        // turned upright and shortened.
        let slot = (right - left) / values.len() as f64;
        let widest_category =
            categories.iter().map(|c| text_width(c, 1.0)).fold(0.0, f64::max).max(0.01);
        let category_max = 19.0 * k;
        let straight_size = (slot * 0.92 / widest_category).min(category_max);
        let (category_size, upright) = if straight_size >= 13.0 * k {
            (straight_size, false)
        } else {
            ((slot * 0.8).min(category_max).max(6.0), true)
        };
        let category_room = if upright {
            let longest = widest_category * category_size;
            longest.min(h * 0.28) + 10.0 * k
        } else {
            category_size * 1.3 + 10.0 * k
        };
        let plot_bottom = bottom - category_room;

        // Totals above the bars, shrunk to fit their slot, upright if they still do not.
        let totals: Vec<String> = values.iter().map(|v| format_number(v.total)).collect();
        let widest_total = totals.iter().map(|t| text_width(t, 1.0)).fold(0.0, f64::max);
        let total_max = 17.0 * k;
        let total_straight = (slot * 0.96 / widest_total.max(0.01)).min(total_max);
        let (total_size, totals_upright) = if total_straight >= 11.0 * k {
            (total_straight, false)
        } else {
            ((slot * 0.8).min(total_max).max(6.0), true)
        };
        let headroom = if totals_upright {
            widest_total * total_size + 10.0 * k
        } else {
            total_size * 1.3 + 6.0 * k
        };

        let plot_top = top + tick_size / 2.0;
        let plot_h = (plot_bottom - plot_top).max(1.0);
        let share = (headroom / plot_h).min(0.5);
        let needed = (stack_top - share * y_min) / (1.0 - share);
        let y_max = ((needed / step).ceil() * step).max(data_max);
        let to_px = |v: f64| plot_bottom - (v - y_min) / (y_max - y_min) * plot_h;

        // Grid lines and their labels.
        let tick_pos = Pos::new(HPos::Right, VPos::Center);
        let tick_count = ((y_max - y_min) / step).round() as i64;
        for i in 0..=tick_count {
            let v = y_min + i as f64 * step;
            let y = to_px(v);
            let (color, stroke) =
                if v.abs() < step / 1e6 { (SOFT_INK, 1.5 * k) } else { (GRID, k) };
            layout.lines.push((y, left, right, color, stroke.max(1.0)));
            let at = (left - 10.0 * k, y);
            layout.labels.push(Label::new(format_number(v), at, tick_size, tick_pos, SOFT_INK));
        }

        // The bars, their totals and their category labels.
        let bar_w = (slot * 0.62).min(160.0 * k);
        for (i, bar) in values.iter().enumerate() {
            let centre = left + slot * (i as f64 + 0.5);
            let (x0, x1) = (centre - bar_w / 2.0, centre + bar_w / 2.0);
            let (mut up, mut down) = (0.0, 0.0);
            for (j, v) in bar.parts.iter().enumerate() {
                let color = PALETTE[j % PALETTE.len()];
                let (from, to) = if *v >= 0.0 {
                    up += v;
                    (up - v, up)
                } else {
                    down += v;
                    (down - v, down)
                };
                if (to_px(from) - to_px(to)).abs() >= 0.5 {
                    let (y0, y1) = (to_px(from.max(to)), to_px(from.min(to)));
                    layout.segments.push(Segment { x0, y0, x1, y1, color });
                }
            }

            let at = (centre, to_px(bar.positive) - 5.0 * k);
            let text = totals[i].clone();
            let mut label = if totals_upright {
                Label::new(text, at, total_size, Pos::new(HPos::Left, VPos::Center), INK)
            } else {
                Label::new(text, at, total_size, Pos::new(HPos::Center, VPos::Bottom), INK)
            };
            label.vertical = totals_upright;
            layout.labels.push(label);

            let at = (centre, plot_bottom + 10.0 * k);
            let mut label = if upright {
                let text = fit(&categories[i], category_size, h * 0.28);
                Label::new(text, at, category_size, Pos::new(HPos::Right, VPos::Center), INK)
            } else {
                Label::new(categories[i].clone(), at, category_size, top_pos, INK)
            };
            label.vertical = upright;
            layout.labels.push(label);
        }
        layout
    }

    /// Places the legend against `right` and returns where the plot must end.
    fn place_legend(
        &mut self,
        names: &[String],
        right: f64,
        top: f64,
        bottom: f64,
        w: f64,
        k: f64,
    ) -> f64 {
        let available = bottom - top;
        let size = (18.0 * k).min(available / (names.len() as f64 * 1.7)).max(11.0 * k);
        let row = size * 1.7;
        let rows = ((available / row).floor() as usize).max(1);
        let (shown, hidden) = if names.len() > rows {
            (rows - 1, names.len() - (rows - 1))
        } else {
            (names.len(), 0)
        };

        let swatch = size * 0.95;
        let max_text = w * 0.22;
        let texts: Vec<String> = names.iter().map(|n| fit(n, size, max_text)).collect();
        let more = (hidden > 0).then(|| format!("+{hidden} more"));
        let widest = texts
            .iter()
            .rev()
            .take(shown)
            .chain(more.iter())
            .map(|t| text_width(t, size))
            .fold(0.0, f64::max);
        let x = right - widest - swatch - 10.0 * k;

        let pos = Pos::new(HPos::Left, VPos::Center);
        let mut y = top + row / 2.0;
        for (j, text) in texts.into_iter().enumerate().rev().take(shown) {
            self.swatches.push((x, y - swatch / 2.0, swatch, PALETTE[j % PALETTE.len()]));
            self.labels.push(Label::new(text, (x + swatch + 10.0 * k, y), size, pos, INK));
            y += row;
        }
        if let Some(more) = more {
            self.labels.push(Label::new(more, (x + swatch + 10.0 * k, y), size, pos, SOFT_INK));
        }
        x - 32.0 * k
    }
}

/// One bar's numbers: each series' value, the sums above and below zero, and the net
/// total that is written above the bar.
struct BarValues {
    parts: Vec<f64>,
    positive: f64,
    negative: f64,
    total: f64,
}

/// The bars to draw, or none when the chart has no categories or no series.
fn bar_values(chart: &StackedBars) -> Vec<BarValues> {
    if chart.series.is_empty() {
        return Vec::new();
    }
    (0..chart.categories.len())
        .map(|i| {
            let parts: Vec<f64> = chart
                .series
                .iter()
                .map(|s| s.values.get(i).copied().filter(|v| v.is_finite()).unwrap_or(0.0))
                .collect();
            let positive = parts.iter().filter(|v| **v > 0.0).sum();
            let negative = parts.iter().filter(|v| **v < 0.0).sum();
            let total = parts.iter().sum();
            BarValues { parts, positive, negative, total }
        })
        .collect()
}

// ---- Drawing -------------------------------------------------------------------------------

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn px(v: f64) -> i32 {
    v.round() as i32
}

fn draw(root: &Area, layout: &Layout) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    root.fill(&WHITE)?;

    for (y, x0, x1, color, stroke) in &layout.lines {
        let style = color.stroke_width(px(*stroke).max(1) as u32);
        root.draw(&PathElement::new(vec![(px(*x0), px(*y)), (px(*x1), px(*y))], style))?;
    }

    for s in &layout.segments {
        let corners = [(px(s.x0), px(s.y0)), (px(s.x1), px(s.y1))];
        root.draw(&Rectangle::new(corners, s.color.filled()))?;
        // A white hairline on each segment's edges keeps neighbours of similar colour apart.
        root.draw(&Rectangle::new(corners, WHITE.stroke_width(1)))?;
    }

    for (x, y, side, color) in &layout.swatches {
        let corners = [(px(*x), px(*y)), (px(x + side), px(y + side))];
        root.draw(&Rectangle::new(corners, color.filled()))?;
    }

    for label in &layout.labels {
        if label.text.is_empty() {
            continue;
        }
        // plotters writes font-size as size / 1.24, so ask for that much more.
        let font = (FONT_FAMILY, label.size * 1.24).into_font();
        let mut style = font.color(&label.color).pos(label.pos);
        if label.vertical {
            style = style.transform(FontTransform::Rotate270);
        }
        root.draw_text(&label.text, &style, (px(label.x), px(label.y)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> StackedBars {
        StackedBars {
            title: "部署別の月額費用".to_owned(),
            y_label: "月額費用（円）".to_owned(),
            categories: vec!["営業部".to_owned(), "経理部".to_owned(), "情報システム部".to_owned()],
            series: vec![
                BarSeries { name: "ChatGPT".to_owned(), values: vec![120_000.0, 30_000.0, 9.0] },
                BarSeries { name: "Copilot".to_owned(), values: vec![40_000.0, 0.0, 80_000.0] },
            ],
            note: Some("USD at 150 JPY (as of 2026-11-01)".to_owned()),
        }
    }

    /// Width and height from a PNG's IHDR chunk.
    fn png_size(png: &[u8]) -> (u32, u32) {
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&png[16..20]), be(&png[20..24]))
    }

    fn check_png(png: &[u8], width: u32, height: u32) {
        assert_eq!(&png[1..4], b"PNG", "the bytes should be a png");
        assert_eq!(png_size(png), (width, height), "a png should have the size asked for");
    }

    #[test]
    fn png_has_the_requested_size() -> Result<(), ChartError> {
        let chart = sample();
        check_png(&render(&chart, ChartFormat::Png, DEFAULT_WIDTH, DEFAULT_HEIGHT)?, 1600, 900);
        check_png(&render(&chart, ChartFormat::Png, 800, 600)?, 800, 600);
        Ok(())
    }

    #[test]
    fn pdf_is_one_a4_landscape_page() -> Result<(), ChartError> {
        let pdf = render(&sample(), ChartFormat::Pdf, DEFAULT_WIDTH, DEFAULT_HEIGHT)?;
        let text = String::from_utf8_lossy(&pdf);

        assert!(pdf.starts_with(b"%PDF-"), "a pdf starts with its header");
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 1, "the chart should fit on one page");
        assert!(text.contains("/MediaBox [0 0 842 595]"), "the page should be A4 landscape");
        assert!(text.contains("IPAexGothic"), "the pdf should embed the bundled font");
        Ok(())
    }

    #[test]
    fn a_document_longer_than_a_page_goes_on_to_more_pages_and_drops_nothing(
    ) -> Result<(), ChartError> {
        let mut lines = vec![DocLine::title("AIが作成した文章のレビュー")];
        for n in 1..=120 {
            lines.push(DocLine::item(&format!("{n}. 確認項目その{n}"), "合格", false));
            lines.push(DocLine::note(&format!("メモ{n} ").repeat(n % 7 + 1)));
        }
        let (h, w) = A4_LANDSCAPE;
        let margin = PAGE_MARGIN + 12.0;
        let pages = document_svgs(&lines, w, h, margin);
        assert!(pages.len() > 3, "120 items and notes need several pages, not a smaller font");
        for n in 1..=120 {
            let item = format!(">{n}. 確認項目その{n}<");
            let holding = pages.iter().filter(|p| p.contains(&item)).count();
            assert_eq!(holding, 1, "item {n} is on exactly one page");
        }
        for (i, page) in pages.iter().enumerate() {
            assert!(page.contains(&format!(">{} / {}<", i + 1, pages.len())), "numbered");
            let lowest = page
                .split(" y=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next()?.parse::<f64>().ok())
                .fold(0.0, f64::max);
            assert!(lowest <= h - margin / 2.0, "page {} keeps its bottom margin", i + 1);
        }

        let pdf = document_pdf(&lines)?;
        let text = String::from_utf8_lossy(&pdf);
        let in_pdf = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(in_pdf, pages.len(), "one PDF page per laid-out page");
        assert!(text.contains(&format!("/Count {}", pages.len())), "the page tree counts them");
        Ok(())
    }

    #[test]
    fn japanese_labels_are_drawn_with_glyphs() -> Result<(), ChartError> {
        let label = |text: &str| {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="100">
                <text x="10" y="60" font-family="{FONT_FAMILY}" font-size="40">{text}</text>
                </svg>"#
            );
            svg_to_png(&svg, 320, 100)
        };

        let tree = parse_svg(&render_svg(&sample(), 1600, 900)?)?;
        let drawn = label("営業部")?;
        let blank = label("")?;

        assert_ne!(drawn, blank, "a Japanese label should change pixels");
        assert!(
            tree.root().has_children() && font_db().len() == 1,
            "only the bundled font should be loaded"
        );
        assert!(
            text_width("営業部", 10.0) > 25.0,
            "a Japanese label should measure about one em per character"
        );
        Ok(())
    }

    #[test]
    fn a_size_outside_the_limits_is_refused() {
        for (width, height) in [(319, 900), (1600, 8001), (0, 0)] {
            let result = render(&sample(), ChartFormat::Png, width, height);
            assert!(
                matches!(result, Err(ChartError::BadSize { .. })),
                "{width}×{height} should be refused before drawing"
            );
        }
    }

    #[test]
    fn markup_in_a_category_name_stays_text() -> Result<(), ChartError> {
        let mut chart = sample();
        chart.categories[0] = r#"<script>alert(1)</script> & "x""#.to_owned();
        chart.series[0].name = "a\u{0}b\u{b}c".to_owned();

        let svg = render_svg(&chart, 1600, 900)?;
        assert!(!svg.contains("<script>"), "markup from a respondent must be escaped");
        check_png(&render(&chart, ChartFormat::Png, 1600, 900)?, 1600, 900);
        let pdf = render(&chart, ChartFormat::Pdf, 1600, 900)?;
        assert!(pdf.starts_with(b"%PDF-"), "a category with markup should still export to pdf");
        Ok(())
    }

    #[test]
    fn an_empty_chart_says_no_data_and_keeps_its_title() -> Result<(), ChartError> {
        let mut chart = sample();
        chart.categories.clear();
        let svg = render_svg(&chart, 1600, 900)?;

        assert!(svg.contains("No data"), "an empty chart should say so");
        assert!(svg.contains("部署別の月額費用"), "an empty chart should keep its title");
        check_png(&render(&chart, ChartFormat::Png, 800, 600)?, 800, 600);
        Ok(())
    }

    #[test]
    fn zero_negative_and_nan_values_do_not_panic() -> Result<(), ChartError> {
        let mut chart = sample();
        for values in [vec![0.0; 3], vec![-5.0, f64::NAN, f64::INFINITY]] {
            chart.series = vec![BarSeries { name: "x".to_owned(), values }];
            check_png(&render(&chart, ChartFormat::Png, 800, 600)?, 800, 600);
        }
        chart.series[0].values.clear();
        check_png(&render(&chart, ChartFormat::Png, 800, 600)?, 800, 600);
        Ok(())
    }

    #[test]
    fn many_categories_and_series_still_render() -> Result<(), ChartError> {
        let categories: Vec<String> = (0..40).map(|i| format!("情報システム部 第{i}課")).collect();
        let series = (0..15)
            .map(|j| BarSeries {
                name: format!("ツール{j}"), values: vec![1234.5 * j as f64; 40]
            })
            .collect();
        let chart = StackedBars { categories, series, ..sample() };
        check_png(&render(&chart, ChartFormat::Png, 1600, 900)?, 1600, 900);
        Ok(())
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(120_000.0), "120,000", "whole numbers group by three");
        assert_eq!(format_number(-1_234_567.0), "-1,234,567", "negatives keep their sign");
        assert_eq!(format_number(1234.5), "1,234.5", "fractions keep at most two decimals");
        assert_eq!(format_number(0.0), "0", "zero has no sign or separator");
        assert_eq!(format_number(999.0), "999", "three digits need no separator");
    }

    #[test]
    fn format_names_parse_in_any_case() {
        assert_eq!("PNG".parse::<ChartFormat>().ok(), Some(ChartFormat::Png), "upper case");
        assert_eq!("pdf".parse::<ChartFormat>().ok(), Some(ChartFormat::Pdf), "lower case");
        assert_eq!(ChartFormat::Svg.extension(), "svg", "the extension has no dot");
        let err = "gif".parse::<ChartFormat>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("parse chart format: 'gif' is not one of png, pdf, svg"),
            "an unknown format should be named in the error"
        );
    }

    #[test]
    fn write_file_leaves_only_the_finished_file() -> Result<(), ChartError> {
        let dir = tempfile::tempdir()
            .map_err(|source| ChartError::Io { path: PathBuf::from("tempdir"), source })?;
        let path = dir.path().join("chart.svg");
        write_file(&sample(), ChartFormat::Svg, 800, 600, &path)?;

        let names: Vec<_> = std::fs::read_dir(dir.path())
            .map_err(|source| ChartError::Io { path: path.clone(), source })?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("chart.svg")], "no temp file remains");
        Ok(())
    }
}
