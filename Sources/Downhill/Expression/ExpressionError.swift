/// Why a typed expression could not be parsed. Columns count characters from 1.
public enum ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Nothing but spaces.
  case empty
  /// A token that cannot appear where it does.
  case unexpected(String, column: Int)
  /// The text stops where an operand or `)` is still needed.
  case unexpectedEnd(column: Int)
  /// A character that starts no token.
  case unexpectedCharacter(Character, column: Int)
  /// A number such as `1e` or `.`.
  case malformedNumber(String, column: Int)
  /// `name(` where `name` is not a known function.
  case unknownFunction(String, column: Int)
  /// An identifier that is neither a variable, a constant nor a function.
  case unknownVariable(String, column: Int, allowed: [String])
  /// A function name used without an argument list.
  case missingArgument(String, column: Int)
  /// A `(` that is never closed.
  case unclosedParenthesis(column: Int)
  /// Nesting (parentheses, signs, powers, calls) or a chain of operations deeper than `limit`,
  /// which would overflow the stack when parsed or evaluated.
  case tooDeep(limit: Int, column: Int)

  public var description: String {
    switch self {
    case .empty: return "empty expression"
    case .unexpected(let token, let column): return "unexpected '\(token)' at column \(column)"
    case .unexpectedEnd(let column): return "unexpected end of expression at column \(column)"
    case .unexpectedCharacter(let character, let column):
      return "unexpected character '\(character)' at column \(column)"
    case .malformedNumber(let text, let column):
      return "malformed number '\(text)' at column \(column)"
    case .unknownFunction(let name, let column):
      return "unknown function '\(name)' at column \(column) (known: \(MathFunction.allNames))"
    case .unknownVariable(let name, let column, let allowed):
      let choices = allowed.map { "'\($0)'" }.joined(separator: ", ")
      return
        "unknown variable '\(name)' at column \(column) (variables: \(choices); constants: pi, e)"
    case .missingArgument(let name, let column):
      return "function '\(name)' at column \(column) needs an argument in parentheses: \(name)(…)"
    case .unclosedParenthesis(let column): return "'(' at column \(column) is never closed"
    case .tooDeep(let limit, let column):
      return
        "expression nested more than \(limit) levels deep at column \(column): simplify it"
    }
  }
}
