import ArgumentParser
import CapTableCore
import Foundation
import Renderers

struct OCFImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocf",
        abstract: "An Open Cap Format package (OCF 1.x: a directory or .zip with its manifest) to a case directory on a date; what the case format cannot hold is reported object by object.")

    @Argument(help: "The package: a directory with the manifest and the files it lists, or a .zip of them.")
    var package: String

    @OptionGroup var target: ImportTarget

    @Option(name: .customLong("as-of"), help: "The date of the cap table (default: the manifest's as_of).")
    var asOf: String?

    @Option(help: "table, csv, json or markdown: the report of what was not carried as it is.")
    var format: OutputFormat = .table

    func run() throws {
        let date = try asOf.map { try DateRange.date($0, "--as-of") }
        let existing = try target.existingCase()
        if let existing, !existing.events.isEmpty {
            printError("\(target.to): error: the case has a ledger (transactions.csv), which the package's cap table would replay over; import into a new directory")
            throw Status.dataError
        }
        // A .zip is unpacked by the unzip program into a directory of its own first.
        var directory = package
        var unpacked: URL?
        defer { if let unpacked { try? FileManager.default.removeItem(at: unpacked) } }
        if package.lowercased().hasSuffix(".zip") {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("captable-ocf-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            unpacked = dir
            let unzip = Process()
            unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            unzip.arguments = ["-qq", package, "-d", dir.path]
            unzip.standardOutput = FileHandle.nullDevice
            do { try unzip.run() } catch {
                printError("\(package): error: cannot run unzip (Debian: apt-get install unzip)")
                throw Status.unavailable
            }
            unzip.waitUntilExit()
            guard unzip.terminationStatus == 0 else { printError("\(package): error: not a zip archive unzip can read"); throw Status.dataError }
            // The manifest may sit in a folder of the archive.
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            directory = entries.count == 1 && !entries[0].hasSuffix(".json") ? dir.appendingPathComponent(entries[0]).path : dir.path
        }
        let imported: OCFImport
        switch OCFImport.read(directory: directory, asOf: date) {
        case .success(let i): imported = i
        case .failure(let e): throw Status.failure(e, reading: package)
        }
        var rows = imported.rows
        rows.headers = [
            "classes.csv": ["class", "issuer", "title", "outstanding", "as_of", "voting"],
            "persons.csv": ["id", "name", "kind"],
            "holdings.csv": ["holder", "class", "shares", "note"],
            "options.csv": ["id", "holder", "kind", "class", "shares", "exercise_price", "exercisable_from", "expires", "note"],
            "convertibles.csv": ["id", "holder", "kind", "class", "principal", "conversion_price", "units", "conversion_ratio",
                                 "issued", "convertible_from", "note"],
        ]
        for file in ["classes.csv", "persons.csv", "holdings.csv"] where rows.rows[file] == nil { rows.rows[file] = [] }
        // Merged: the cap table is the package's; the case's persons keep
        // their rows (and the columns OCF has not), new ones are added, and
        // its relations, groups and every other file stay.
        if let existing {
            rows.replacing = ["classes.csv", "holdings.csv", "options.csv", "convertibles.csv"]
            let known = Set(existing.persons.map(\.id))
            rows.rows["persons.csv"] = rows.rows["persons.csv"]?.filter { !known.contains($0["id"] ?? "") }
            for file in ["options.csv", "convertibles.csv"] where rows.rows[file] == nil { rows.rows[file] = [] }
        }
        try target.write(rows)
        let report = Section(
            heading: ["\(imported.issuer): OCF package \(package) as of \(imported.asOf), imported to \(target.to)",
                      "Objects not carried as they are"],
            metadata: [("as_of", .text(imported.asOf.description))],
            rows: imported.notes.map { [.text($0.objectType), .text($0.id), .text($0.action)] },
            footer: ["OCF has no control relations or groups: add them in relations.csv and groups.csv (a --merge keeps a case's)."])
        let columns = [Column("object_type", "Object"), Column("id", "Id"), Column("action", "What was done")]
        print(Document(columns: columns, sections: [report]).rendered(as: format), terminator: "")
    }
}
