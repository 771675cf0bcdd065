import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

/// The lines a command tests: `--threshold N` (repeatable, "more than N%"),
/// by default more than 5%, more than 10% and 20% or more.
struct Lines: ParsableArguments {
    @Option(name: .customLong("threshold"), help: "Test \"more than N%\" (repeatable; default: more than 5%, more than 10%, 20% or more).")
    var given: [String] = []

    func validate() throws {
        for t in given {
            if case .failure(let e) = ValueParser.percent(t, column: "--threshold") { throw ValidationError(e.message) }
        }
    }

    var thresholds: [Threshold] {
        given.isEmpty ? Threshold.standard : given.map { Threshold(moreThan: try! ValueParser.percent($0, column: "--threshold").get()) }
    }
}
