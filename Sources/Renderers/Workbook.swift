import CapTableCore
import CXLSXWriter
import Foundation

/// An Excel workbook written with libxlsxwriter: one sheet per document.
///
/// The only floating point in the project is here, because the file format
/// stores every number as an IEEE double: share counts (exact below 2^53, and
/// the inputs stop at 10^15), the six-decimal percent shown beside its exact
/// text, and column widths. Every figure is computed exactly before it
/// reaches this boundary.
///
/// Share counts and amounts are numbers, decimals (the six-decimal percent)
/// numbers with a fixed format, flags and text strings (neutralised against
/// formulas as in every CSV); headers frozen, columns as wide as their text.
public enum Workbook {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workbook's bytes.
    public static func xlsx(_ sheets: [(name: String, document: Document)]) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("captable-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let workbook = workbook_new(path) else { throw Failure(description: "cannot create a workbook") }
        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        let count = workbook_add_format(workbook)
        format_set_num_format(count, "#,##0")
        let decimal = workbook_add_format(workbook)
        format_set_num_format(decimal, "0.000000")
        for (name, doc) in sheets {
            guard let sheet = workbook_add_worksheet(workbook, name) else { throw Failure(description: "cannot add sheet \(name)") }
            var widths = doc.columns.map { $0.title.count }
            for (c, column) in doc.columns.enumerated() {
                worksheet_write_string(sheet, 0, lxw_col_t(c), column.title, header)
            }
            var row: lxw_row_t = 1
            for section in doc.sections {
                for cells in section.rows {
                    for (c, cell) in cells.enumerated() {
                        let col = lxw_col_t(c)
                        switch cell {
                        case .count(let n):
                            if let number = exactDouble(n) {
                                worksheet_write_number(sheet, row, col, number, count)
                            } else {
                                worksheet_write_string(sheet, row, col, String(n), nil)
                            }
                            widths[c] = max(widths[c], grouped(n).count)
                        case .decimal(let text):
                            if let number = decimalDouble(text) {
                                worksheet_write_number(sheet, row, col, number, decimal)
                            } else {
                                worksheet_write_string(sheet, row, col, text, nil)
                            }
                            widths[c] = max(widths[c], text.count)
                        case .text(let s):
                            let v = CSVWriter.neutralized(s)
                            worksheet_write_string(sheet, row, col, v, nil)
                            widths[c] = max(widths[c], v.count)
                        case .flag(let b):
                            worksheet_write_string(sheet, row, col, b ? "yes" : "no", nil)
                        case .list(let items):
                            let v = CSVWriter.neutralized(items.joined(separator: ";"))
                            worksheet_write_string(sheet, row, col, v, nil)
                            widths[c] = max(widths[c], v.count)
                        }
                    }
                    row += 1
                }
            }
            worksheet_freeze_panes(sheet, 1, 0)
            for (c, width) in widths.enumerated() {
                // A width in characters, for the layout: not a figure.
                worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), Double(min(width, 60) + 2), nil)
            }
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw Failure(description: String(cString: lxw_strerror(status)))
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The file format stores every number as an IEEE double. Share counts up
    /// to 10^15 are below 2^53 and so exact; the conversion happens here only,
    /// at the boundary of the file, never on the way to a figure. Nil for a
    /// count a double cannot hold exactly, which is then written as text,
    /// never as a number it is not.
    static func exactDouble(_ n: Int) -> Double? { Double(exactly: n) }

    /// A six-decimal figure (a percent) as a number cell. Its text has at most
    /// 15 significant digits (a percent has at most 9), so the nearest double,
    /// shown in the cell's `0.000000` format, prints that very text again. Nil
    /// for any other text, which is then written as text, never as a number
    /// it is not.
    static func decimalDouble(_ text: String) -> Double? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x2E || $0 == 0x2D }),
              bytes.filter({ $0 &- 0x30 < 10 }).count <= 15 else { return nil }
        return Double(text)
    }
}
