//! The run's outputs besides the printed report: the figures as CSV, a
//! chart of generation and build time against N for both tools (SVG,
//! drawn with plotters), and with `--publish` a copy of all three in
//! `docs/perf/` plus the README's performance section (between two
//! marker comments) rewritten with the targets table and the chart.
//!
//! The chart is drawn from the same [`Figure`]s the CSV holds, so the
//! committed picture always comes with the numbers it shows.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use plotters::prelude::*;

/// Start marker of the README's performance section.
pub const README_START: &str =
    "<!-- bench:start (written by `cargo run -p bench --release -- --publish`) -->";
/// End marker of the README's performance section.
pub const README_END: &str = "<!-- bench:end -->";

/// One measured figure: a median, in seconds (or MiB for memory).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `generation`, `cargo check`, `cargo build`, `edit rebuild`, `peak rustc RSS`…
    pub measure: String,
    /// `ours` or `progenitor` (with the path, e.g. `ours generate!`).
    pub tool: String,
    /// Endpoints in the description.
    pub n: usize,
    /// Wall-clock median, seconds (MiB for memory).
    pub wall: f64,
    /// CPU-time median, seconds, when measured.
    pub cpu: Option<f64>,
}

/// The figures as CSV (`measure,tool,n,wall,cpu`; an empty `cpu` when not measured).
pub fn csv(figures: &[Figure]) -> String {
    let mut out = String::from("measure,tool,n,wall,cpu\n");
    for f in figures {
        let cpu = f.cpu.map(|c| format!("{c:.6}")).unwrap_or_default();
        let _ = writeln!(out, "{},{},{},{:.6},{cpu}", f.measure, f.tool, f.n, f.wall);
    }
    out
}

/// Points `(n, wall)` of one measure and tool, by N.
fn series(figures: &[Figure], measure: &str, tool: &str) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = figures
        .iter()
        .filter(|f| f.measure == measure && f.tool == tool)
        .map(|f| (f.n as f64, f.wall))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

/// One tool's line in a panel: label, colour, points.
type Line<'a> = (&'a str, RGBColor, Vec<(f64, f64)>);

/// Two panels side by side: generation time (ms) and `cargo build` time
/// (s) against N, ours and progenitor's, as an SVG document. Panels with
/// no figures say so instead of drawing an empty grid.
pub fn chart(figures: &[Figure], caption: &str) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 420)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (top, body) = root.split_vertically(36);
        top.titled(caption, ("sans-serif", 18))
            .map_err(|e| e.to_string())?;
        let panels = body.split_evenly((1, 2));
        let spec = [
            ("generation", "generation time (ms)", 1e3),
            ("cargo build", "cargo build of the bindings (s)", 1.0),
        ];
        for (area, (measure, title, scale)) in panels.iter().zip(spec) {
            let lines = [
                ("ours", "imagen-codegen", RGBColor(0x1f, 0x77, 0xb4)),
                ("progenitor", "progenitor", RGBColor(0xd6, 0x27, 0x28)),
            ];
            let data: Vec<Line> = lines
                .iter()
                .map(|&(tool, label, color)| {
                    let pts = series(figures, measure, tool)
                        .into_iter()
                        .map(|(n, v)| (n, v * scale))
                        .collect();
                    (label, color, pts)
                })
                .collect();
            let max_n = data
                .iter()
                .flat_map(|d| d.2.iter().map(|p| p.0))
                .fold(0.0, f64::max);
            let max_v = data
                .iter()
                .flat_map(|d| d.2.iter().map(|p| p.1))
                .fold(0.0, f64::max);
            if max_n == 0.0 {
                area.titled(&format!("{title}: not measured"), ("sans-serif", 15))
                    .map_err(|e| e.to_string())?;
                continue;
            }
            let mut c = ChartBuilder::on(area)
                .caption(title, ("sans-serif", 15))
                .margin(12)
                .x_label_area_size(36)
                .y_label_area_size(52)
                .build_cartesian_2d(0.0..max_n * 1.05, 0.0..max_v * 1.12)
                .map_err(|e| e.to_string())?;
            c.configure_mesh()
                .x_desc("endpoints (N)")
                .light_line_style(WHITE.mix(0.0))
                .draw()
                .map_err(|e| e.to_string())?;
            for (label, color, pts) in &data {
                let color = *color;
                c.draw_series(LineSeries::new(pts.iter().copied(), color.stroke_width(2)))
                    .map_err(|e| e.to_string())?
                    .label(*label)
                    .legend(move |(x, y)| {
                        PathElement::new([(x, y), (x + 18, y)], color.stroke_width(2))
                    });
                c.draw_series(pts.iter().map(|&p| Circle::new(p, 3, color.filled())))
                    .map_err(|e| e.to_string())?;
            }
            c.configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.9))
                .border_style(BLACK.mix(0.3))
                .draw()
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The README section: date and machine, the targets table, the chart.
pub fn readme_section(command: &str, machine: &str, targets_table: &str) -> String {
    format!(
        "{README_START}\n\
         Last run of `{command}` on {}, {machine}. \
         Full report: [`docs/perf/bench-results.md`](docs/perf/bench-results.md); \
         figures: [`docs/perf/bench-figures.csv`](docs/perf/bench-figures.csv).\n\n\
         {}\n\n\
         ![Generation time and cargo build time against the number of endpoints, imagen-codegen and progenitor](docs/perf/bench-chart.svg)\n\
         {README_END}",
        today(),
        targets_table.trim_end()
    )
}

/// `readme` with the text between the markers (markers included) replaced
/// by `section`; an error when the markers are missing or out of order.
pub fn replace_section(readme: &str, section: &str) -> Result<String, String> {
    let start = readme
        .find(README_START)
        .ok_or_else(|| format!("README.md has no start marker `{README_START}`"))?;
    let end = readme[start..]
        .find(README_END)
        .map(|i| start + i + README_END.len())
        .ok_or_else(|| {
            format!("README.md has no end marker `{README_END}` after the start marker")
        })?;
    Ok(format!("{}{section}{}", &readme[..start], &readme[end..]))
}

/// Copies the report, the chart and the figures to `docs/perf/` and
/// rewrites the README's performance section.
pub fn publish(root: &Path, report: &str, svg: &str, csv: &str, section: &str) -> io::Result<()> {
    let dir = root.join("docs/perf");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("bench-results.md"), report)?;
    std::fs::write(dir.join("bench-chart.svg"), svg)?;
    std::fs::write(dir.join("bench-figures.csv"), csv)?;
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path)?;
    let new = replace_section(&readme, section).map_err(io::Error::other)?;
    std::fs::write(readme_path, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(measure: &str, tool: &str, n: usize, wall: f64) -> Figure {
        Figure {
            measure: measure.into(),
            tool: tool.into(),
            n,
            wall,
            cpu: None,
        }
    }

    #[test]
    fn csv_has_one_row_per_figure() {
        let mut f = fig("generation", "ours", 1000, 0.1);
        f.cpu = Some(0.25);
        let out = csv(&[f, fig("cargo build", "progenitor", 200, 3.5)]);
        assert_eq!(
            out,
            "measure,tool,n,wall,cpu\ngeneration,ours,1000,0.100000,0.250000\ncargo build,progenitor,200,3.500000,\n"
        );
    }

    #[test]
    fn chart_draws_both_tools_in_both_panels() {
        let figures = [
            fig("generation", "ours", 12, 0.001),
            fig("generation", "ours", 1000, 0.1),
            fig("generation", "progenitor", 12, 0.002),
            fig("generation", "progenitor", 1000, 0.2),
            fig("cargo build", "ours", 200, 1.0),
            fig("cargo build", "ours", 1000, 4.0),
            fig("cargo build", "progenitor", 200, 3.0),
            fig("cargo build", "progenitor", 1000, 14.0),
        ];
        let svg = chart(&figures, "test run").unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains("generation time (ms)"));
        assert!(svg.contains("cargo build of the bindings (s)"));
        assert_eq!(
            svg.matches("\nimagen-codegen\n</text>").count(),
            2,
            "one legend entry per panel"
        );
        assert_eq!(svg.matches("\nprogenitor\n</text>").count(), 2);
        // 4 points per panel and tool pair: 8 circles.
        assert_eq!(svg.matches("<circle").count(), 8);
        let empty = chart(&figures[..4], "gen only").unwrap();
        assert!(empty.contains("not measured"));
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_789), (2026, 12, 2));
    }

    #[test]
    fn section_is_replaced_between_markers_only() {
        let readme =
            format!("# T\n\n## Performance\n\n{README_START}\nold\n{README_END}\n\n## Next\n");
        let new = replace_section(&readme, "NEW").unwrap();
        assert_eq!(new, "# T\n\n## Performance\n\nNEW\n\n## Next\n");
        assert!(
            replace_section("# T\n", "x")
                .unwrap_err()
                .contains("start marker")
        );
        assert!(
            replace_section(&format!("{README_START}\n"), "x")
                .unwrap_err()
                .contains("end marker")
        );
    }
}
