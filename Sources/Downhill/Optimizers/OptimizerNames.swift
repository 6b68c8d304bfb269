/// Optimizers by the names the CLI accepts, each with `learningRate` as its step size.
public enum OptimizerNames {
  public static let all = [
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "lbfgs",
  ]

  /// A fresh optimizer called `name`, or a one-line error listing the known names.
  public static func make(_ name: String, learningRate: Double) throws -> any Optimizer {
    switch name.lowercased() {
    case "sgd": return SGD(learningRate: learningRate)
    case "momentum": return SGD(learningRate: learningRate, momentum: 0.9)
    case "nesterov": return SGD(learningRate: learningRate, momentum: 0.9, nesterov: true)
    case "adagrad": return AdaGrad(learningRate: learningRate)
    case "rmsprop": return RMSProp(learningRate: learningRate)
    case "adadelta": return AdaDelta(learningRate: learningRate)
    case "adam": return Adam(learningRate: learningRate)
    case "lbfgs", "l-bfgs": return LBFGS()
    default:
      throw DownhillError.invalidArgument(
        "unknown optimizer '\(name)' (\(all.joined(separator: ", ")))")
    }
  }
}
