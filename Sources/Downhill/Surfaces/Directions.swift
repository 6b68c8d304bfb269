/// How a random direction is scaled to the weights it perturbs (Li et al. 2018, "Visualizing the
/// Loss Landscape of Neural Nets", §4).
///
/// Without scaling, a layer with small weights is perturbed relatively more than one with large
/// weights, and the picture reflects the parametrisation more than the loss; scaling each piece
/// of the direction to the norm of the matching piece of the weights removes that.
public enum DirectionNormalization: String, Sendable, CaseIterable {
  /// Each filter of the direction is rescaled to the norm of the same filter of the weights. For
  /// a dense layer a filter is one output neuron's incoming weights: with our inputs × outputs
  /// weight layout, a *column* of the layer's matrix.
  case filter
  /// Each layer of the direction is rescaled to the norm of the layer's weights.
  case layer
  /// The raw Gaussian direction.
  case none
}

/// What a random direction does along the bias weights: the bias row of every layer with a
/// folded bias, and the ones column's row of the first layer when the data carries the bias.
public enum BiasDirection: String, Sendable, CaseIterable {
  /// Zero along the biases: the paper's default (`ignore='biasbn'` in its code).
  case zero
  /// The bias is one more incoming weight of its neuron, normalised with its filter (or layer).
  case normalized
}

extension Network {
  /// The row of `layer`'s weights that holds biases, if any.
  private func biasRow(layer l: Int) -> Int? {
    let w = layers[l].weights
    if layers[l].foldedBias || (bias == .input && l == 0) { return w.rows - 1 }
    return nil
  }

  /// A random Gaussian direction in parameter space (one `standardNormal()` draw per parameter,
  /// in the flat order, as numpy's `standard_normal(parameterCount)`), normalised to this
  /// network's weights.
  public func randomDirection(
    normalization: DirectionNormalization = .filter, bias: BiasDirection = .zero,
    generator: inout SeededGenerator
  ) -> [Double] {
    var d = [Double](repeating: 0, count: parameterCount)
    for k in d.indices { d[k] = generator.standardNormal() }
    // The raw draw has the right length, so normalising cannot fail.
    return (try? normalizedDirection(d, normalization: normalization, bias: bias)) ?? d
  }

  /// Two random directions drawn one after the other from `generator`, for a loss-landscape
  /// plane around the current weights.
  public func randomDirections(
    normalization: DirectionNormalization = .filter, bias: BiasDirection = .zero,
    generator: inout SeededGenerator
  ) -> (first: [Double], second: [Double]) {
    let first = randomDirection(normalization: normalization, bias: bias, generator: &generator)
    let second = randomDirection(normalization: normalization, bias: bias, generator: &generator)
    return (first, second)
  }

  /// `direction` with each filter or layer rescaled to the norm of the matching weights (see
  /// `DirectionNormalization`). A piece of the direction that is zero stays zero; a piece whose
  /// weights are zero becomes zero.
  ///
  /// - Throws: `DownhillError.shapeMismatch` when the direction's length is not
  ///   `parameterCount`.
  public func normalizedDirection(
    _ direction: [Double], normalization: DirectionNormalization, bias: BiasDirection
  ) throws -> [Double] {
    guard direction.count == parameterCount else {
      throw DownhillError.shapeMismatch(
        "a direction of \(direction.count) values for a network of \(parameterCount) parameters")
    }
    var d = direction
    var offset = 0
    for l in layers.indices {
      let w = layers[l].weights
      let skipped = bias == .zero ? biasRow(layer: l) : nil
      let rows = (0..<w.rows).filter { $0 != skipped }
      // The flat indices of each piece that is scaled as one.
      var pieces: [[Int]] = []
      switch normalization {
      case .filter:
        pieces = (0..<w.columns).map { j in rows.map { offset + $0 * w.columns + j } }
      case .layer:
        pieces = [rows.flatMap { r in (0..<w.columns).map { offset + r * w.columns + $0 } }]
      case .none:
        pieces = []
      }
      for piece in pieces {
        var dNorm = 0.0
        var wNorm = 0.0
        for k in piece {
          dNorm += d[k] * d[k]
          wNorm += w.values[k - offset] * w.values[k - offset]
        }
        let scale = dNorm > 0 ? wNorm.squareRoot() / dNorm.squareRoot() : 0
        for k in piece { d[k] *= scale }
      }
      if let skipped {
        for j in 0..<w.columns { d[offset + skipped * w.columns + j] = 0 }
      }
      offset += w.values.count
    }
    return d
  }
}
