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

/// A workbook written a sheet at a time and a row at a time, each row going
/// to disk as it is written (libxlsxwriter's `constant_memory` mode): a book of
/// a million rows is never held in memory. Rows are written in order, one
/// sheet after another.
public final class WorkbookWriter {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    public let path: String
    private let header, count, decimal: UnsafeMutablePointer<lxw_format>
    private var sheet: UnsafeMutablePointer<lxw_worksheet>?
    private var widths: [Int] = []
    private var row: lxw_row_t = 1
    private var closed = false

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("captable-\(UUID().uuidString).xlsx").path
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        let made = path.withCString { p in FileManager.default.temporaryDirectory.path.withCString { tmp -> UnsafeMutablePointer<lxw_workbook>? in
            options.tmpdir = UnsafeMutablePointer(mutating: tmp)
            return workbook_new_opt(p, &options)
        } }
        guard let made else { throw RenderError.workbook("cannot create a workbook") }
        workbook = made
        header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        count = workbook_add_format(workbook)
        format_set_num_format(count, "#,##0")
        decimal = workbook_add_format(workbook)
        format_set_num_format(decimal, "0.000000")
    }

    deinit {
        if !closed { _ = workbook_close(workbook) }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Starts a sheet, its header row written.
    public func beginSheet(_ name: String, columns: [Column]) throws {
        endSheet()
        guard let sheet = workbook_add_worksheet(workbook, name) else { throw RenderError.workbook("cannot add sheet \(name)") }
        self.sheet = sheet
        widths = columns.map { $0.title.count }
        for (c, column) in columns.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(c), column.title, header)
        }
        row = 1
    }

    /// Writes rows under those written.
    public func append(_ rows: [[Cell]]) {
        guard let sheet else { return }
        for cells in rows {
            for (c, cell) in cells.enumerated() {
                let col = lxw_col_t(c)
                switch cell {
                case .count(let n):
                    if let number = Workbook.exactDouble(n) {
                        worksheet_write_number(sheet, row, col, number, count)
                    } else {
                        worksheet_write_string(sheet, row, col, String(n), nil)
                    }
                    widths[c] = max(widths[c], grouped(n).count)
                case .decimal(let text):
                    if let number = Workbook.decimalDouble(text) {
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

    private func endSheet() {
        guard let sheet else { return }
        worksheet_freeze_panes(sheet, 1, 0)
        for (c, width) in widths.enumerated() {
            // A width in characters, for the layout: not a figure.
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), Double(min(width, 60) + 2), nil)
        }
        self.sheet = nil
    }

    /// Finishes the file; its path (the caller reads it, then removes it).
    public func close() throws -> String {
        endSheet()
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw RenderError.workbook(String(cString: lxw_strerror(status))) }
        return path
    }
}
