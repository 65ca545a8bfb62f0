//! Text tables for the editors' reports: aligned columns for the terminal (cells may hold
//! several lines) and pipe tables for Markdown, with the escaping each needs.

use unicode_width::UnicodeWidthStr;

/// A table for the terminal: a header row and rows of cells, each cell one or more lines.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Vec<String>>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of one-line cells.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|cell| vec![cell]).collect());
    }

    /// Adds a row whose cells may hold several lines.
    pub fn multiline_row(&mut self, cells: Vec<Vec<String>>) {
        self.rows.push(cells);
    }

    /// The table with every column as wide as its widest line, two spaces between columns,
    /// a rule under the header, and no trailing spaces.
    pub fn render(&self) -> String {
        let columns = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.headers.len()])
            .max()
            .unwrap_or(0);
        let mut widths = vec![0; columns];
        for (i, header) in self.headers.iter().enumerate() {
            widths[i] = widths[i].max(header.width());
        }
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                for line in cell {
                    widths[i] = widths[i].max(line.width());
                }
            }
        }
        let mut out = String::new();
        let header: Vec<Vec<String>> = self.headers.iter().map(|h| vec![h.clone()]).collect();
        push_row(&mut out, &header, &widths);
        let rule: Vec<Vec<String>> = widths.iter().map(|w| vec!["-".repeat(*w)]).collect();
        push_row(&mut out, &rule, &widths);
        for row in &self.rows {
            push_row(&mut out, row, &widths);
        }
        out
    }
}

fn push_row(out: &mut String, row: &[Vec<String>], widths: &[usize]) {
    let height = row.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line_index in 0..height {
        let mut line = String::new();
        for (i, width) in widths.iter().enumerate() {
            let text = row
                .get(i)
                .and_then(|cell| cell.get(line_index))
                .map_or("", String::as_str);
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(text);
            line.push_str(&" ".repeat(width.saturating_sub(text.width())));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// `text` on one line, cut to at most `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Text made safe for Markdown: characters that would start emphasis, code, links, HTML
/// or a table cell are escaped, and line breaks become spaces.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            // Inside a word ("000_dd6.txt") an underscore cannot start emphasis.
            '_' if i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push(c)
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown pipe table; cells are escaped here.
pub fn markdown_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(&mut headers.iter().map(|h| markdown_escape(h))));
    out.push_str(&line(&mut headers.iter().map(|_| "---".to_string())));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|c| markdown_escape(c))));
    }
    out
}

/// A fenced code block holding `text` as is: the fence is longer than any run of
/// backticks inside it.
pub fn markdown_code_block(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat((longest + 1).max(3));
    let body = text.trim_end_matches('\n');
    format!("{fence}text\n{body}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_on_the_widest_line_and_lines_have_no_trailing_spaces() {
        let mut table = Table::new(&["A", "BB"]);
        table.row(vec!["long cell".into(), "x".into()]);
        table.multiline_row(vec![vec!["1".into(), "2".into()], vec!["é".into()]]);
        assert_eq!(
            table.render(),
            "A          BB\n---------  --\nlong cell  x\n1          é\n2\n"
        );
    }

    #[test]
    fn clip_cuts_long_text_at_a_character_and_flattens_lines() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("a\nb", 10), "a b");
        assert_eq!(clip("ééééééééééé", 5), "éééé…");
    }

    #[test]
    fn markdown_escape_neutralises_pipes_html_and_emphasis() {
        assert_eq!(
            markdown_escape("a|b <script>*x*\nc"),
            "a\\|b \\<script\\>\\*x\\* c"
        );
        assert_eq!(markdown_escape("000_dd6.txt _x_"), "000_dd6.txt \\_x\\_");
    }

    #[test]
    fn a_code_block_fence_outgrows_the_backticks_inside() {
        assert_eq!(markdown_code_block("x"), "```text\nx\n```\n");
        assert_eq!(
            markdown_code_block("a ```` b\n"),
            "`````text\na ```` b\n`````\n"
        );
    }
}
