/// Splits CSV text into records of raw (unquoted, untrimmed) fields, remembering the physical
/// line each record starts on so that errors can point at it.
///
/// Hand-written rather than borrowed: the offline CSV packages (yaslab/CSV.swift, SwiftCSV)
/// report neither line numbers nor strict quote errors, and the state machine is short.
enum CSVTokenizer {
  struct Record: Equatable {
    var line: Int
    var fields: [String]
  }

  static func records(in text: String, separator: Unicode.Scalar = ",") throws -> [Record] {
    var records: [Record] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var afterClosingQuote = false  // just closed a quoted field: only a separator or EOL may follow
    var fieldWasQuoted = false
    var fieldWasQuotedInRecord = false  // a quoted empty field makes a line non-blank

    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      afterClosingQuote = false
      fieldWasQuoted = false
    }
    func endRecord() {
      endField()
      // Blank and whitespace-only lines are not records.
      let blank =
        fields.count == 1 && !fieldWasQuotedInRecord
        && fields[0].unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" }
      if !blank { records.append(Record(line: recordLine, fields: fields)) }
      fields = []
      fieldWasQuotedInRecord = false
    }

    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    var iterator = scalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        switch scalar {
        case "\"":
          let next = iterator.next()
          if next == "\"" {
            field.append("\"")
          } else {
            inQuotes = false
            afterClosingQuote = true
            pending = next
          }
        case "\r":
          // Keep the line count right across CRLF inside quotes; keep the text as "\n".
          let next = iterator.next()
          if next != "\n" { pending = next }
          field.append("\n")
          line += 1
        case "\n":
          field.append("\n")
          line += 1
        default:
          field.append(scalar)
        }
        continue
      }
      switch scalar {
      case separator:
        endField()
      case "\r", "\n":
        if scalar == "\r" {
          let next = iterator.next()
          if next != "\n" { pending = next }
        }
        endRecord()
        line += 1
        recordLine = line
      case "\"":
        // A quote may only open a field (spaces before it are allowed).
        guard !afterClosingQuote, String(field).allSatisfy({ $0 == " " || $0 == "\t" }) else {
          throw CSVError.strayQuote(line: line)
        }
        field = String.UnicodeScalarView()
        inQuotes = true
        fieldWasQuoted = true
        fieldWasQuotedInRecord = true
      default:
        if afterClosingQuote && scalar != " " && scalar != "\t" {
          throw CSVError.strayQuote(line: line)
        }
        if !afterClosingQuote { field.append(scalar) }
      }
    }
    if inQuotes { throw CSVError.unterminatedQuote(line: recordLine) }
    if !fields.isEmpty || !field.isEmpty || fieldWasQuoted { endRecord() }
    return records
  }
}
