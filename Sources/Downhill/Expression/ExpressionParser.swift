/// Recursive-descent parser for `Expression`; see its grammar. Tokens carry their 1-based
/// character column so that every error can point at the offending spot.
struct ExpressionParser {
  enum Kind: Equatable {
    case number(Double)
    case name(String)
    case symbol(String)  // + - * / ^ ( ) and ** (kept as "^")
    case end
  }

  struct Token {
    var kind: Kind
    var text: String
    var column: Int
  }

  private var tokens: [Token] = []
  private var position = 0
  /// How many `unary` calls are open (each parenthesis, sign, power or call adds one): bounded,
  /// since every level is a few stack frames.
  private var nesting = 0
  /// The depth of the tree the last grammar function returned (its evaluation recurses as deep).
  private var lastDepth = 0
  /// The deepest nesting accepted, and the deepest tree (a long sum is a deep tree).
  static let maximumNesting = 200
  static let maximumDepth = 1000
  private let source: String
  private let variables: [String]

  init(_ source: String, variables: [String]) {
    self.source = source
    self.variables = variables
  }

  mutating func parse() throws(ExpressionError) -> ExpressionNode {
    tokens = try Self.tokenize(source)
    guard tokens.count > 1 else { throw ExpressionError.empty }
    let node = try expression()
    guard case .end = current.kind else {
      throw ExpressionError.unexpected(current.text, column: current.column)
    }
    return node
  }

  // MARK: Grammar

  private var current: Token { tokens[position] }

  private mutating func take(_ symbol: String) -> Bool {
    guard case .symbol(symbol) = current.kind else { return false }
    position += 1
    return true
  }

  /// Records that the node just built joins subtrees of depth `depth` (one level more), refusing
  /// a tree too deep to evaluate.
  private mutating func joined(_ depth: Int) throws(ExpressionError) {
    lastDepth = depth + 1
    guard lastDepth <= Self.maximumDepth else {
      throw ExpressionError.tooDeep(limit: Self.maximumDepth, column: current.column)
    }
  }

  private mutating func expression() throws(ExpressionError) -> ExpressionNode {
    var node = try term()
    while true {
      let depth = lastDepth
      if take("+") {
        node = .add(node, try term())
      } else if take("-") {
        node = .subtract(node, try term())
      } else {
        return node
      }
      try joined(max(depth, lastDepth))
    }
  }

  private mutating func term() throws(ExpressionError) -> ExpressionNode {
    var node = try unary()
    while true {
      let depth = lastDepth
      if take("*") {
        node = .multiply(node, try unary())
      } else if take("/") {
        node = .divide(node, try unary())
      } else {
        return node
      }
      try joined(max(depth, lastDepth))
    }
  }

  private mutating func unary() throws(ExpressionError) -> ExpressionNode {
    guard nesting < Self.maximumNesting else {
      throw ExpressionError.tooDeep(limit: Self.maximumNesting, column: current.column)
    }
    nesting += 1
    defer { nesting -= 1 }
    if take("-") {
      let node = ExpressionNode.negate(try unary())
      try joined(lastDepth)
      return node
    }
    if take("+") { return try unary() }
    let base = try primary()
    let depth = lastDepth
    if take("^") {
      let node = ExpressionNode.power(base, try unary())
      try joined(max(depth, lastDepth))
      return node
    }
    return base
  }

  private mutating func primary() throws(ExpressionError) -> ExpressionNode {
    let token = current
    lastDepth = 1  // a leaf; a parenthesis or call sets its own below
    switch token.kind {
    case .end:
      throw ExpressionError.unexpectedEnd(column: token.column)
    case .number(let value):
      position += 1
      return .number(value)
    case .symbol("("):
      position += 1
      let inner = try expression()
      guard take(")") else { throw closingError(opening: token) }
      return inner
    case .symbol:
      throw ExpressionError.unexpected(token.text, column: token.column)
    case .name(let name):
      position += 1
      if case .symbol("(") = current.kind {
        let opening = current
        guard let function = MathFunction(rawValue: name) else {
          throw ExpressionError.unknownFunction(name, column: token.column)
        }
        position += 1
        let argument = try expression()
        guard take(")") else { throw closingError(opening: opening) }
        try joined(lastDepth)
        return .call(function, argument)
      }
      if let index = variables.firstIndex(of: name) { return .variable(index) }
      switch name {
      case "pi": return .number(Double.pi)
      case "e": return .number(2.718281828459045)  // Foundation.M_E is not available on Linux
      default: break
      }
      if MathFunction(rawValue: name) != nil {
        throw ExpressionError.missingArgument(name, column: token.column)
      }
      throw ExpressionError.unknownVariable(name, column: token.column, allowed: variables)
    }
  }

  /// The error for a `(` whose `)` is missing: either the text ended, or something else is there.
  private func closingError(opening: Token) -> ExpressionError {
    if case .end = current.kind { return .unclosedParenthesis(column: opening.column) }
    return .unexpected(current.text, column: current.column)
  }

  // MARK: Tokens

  static func tokenize(_ source: String) throws(ExpressionError) -> [Token] {
    let characters = Array(source)
    var tokens: [Token] = []
    var i = 0
    while i < characters.count {
      let c = characters[i]
      let column = i + 1
      if c.isWhitespace {
        i += 1
      } else if c.isASCII, c.isNumber || c == "." {
        let start = i
        while i < characters.count, characters[i].isASCII, characters[i].isNumber { i += 1 }
        if i < characters.count, characters[i] == "." {
          i += 1
          while i < characters.count, characters[i].isASCII, characters[i].isNumber { i += 1 }
        }
        // An exponent only if digits follow: `2e` is left for the parser to reject.
        if i < characters.count, characters[i] == "e" || characters[i] == "E" {
          var j = i + 1
          if j < characters.count, characters[j] == "+" || characters[j] == "-" { j += 1 }
          if j < characters.count, characters[j].isASCII, characters[j].isNumber {
            i = j
            while i < characters.count, characters[i].isASCII, characters[i].isNumber { i += 1 }
          }
        }
        let text = String(characters[start..<i])
        guard let value = Double(text) else {
          throw ExpressionError.malformedNumber(text, column: column)
        }
        tokens.append(Token(kind: .number(value), text: text, column: column))
      } else if c.isLetter || c == "_" {
        let start = i
        while i < characters.count,
          characters[i].isLetter || characters[i] == "_"
            || (characters[i].isASCII && characters[i].isNumber)
        {
          i += 1
        }
        let text = String(characters[start..<i])
        tokens.append(Token(kind: .name(text), text: text, column: column))
      } else if c == "*", i + 1 < characters.count, characters[i + 1] == "*" {
        tokens.append(Token(kind: .symbol("^"), text: "**", column: column))
        i += 2
      } else if "+-*/^()".contains(c) {
        tokens.append(Token(kind: .symbol(String(c)), text: String(c), column: column))
        i += 1
      } else {
        throw ExpressionError.unexpectedCharacter(c, column: column)
      }
    }
    tokens.append(Token(kind: .end, text: "", column: characters.count + 1))
    return tokens
  }
}
