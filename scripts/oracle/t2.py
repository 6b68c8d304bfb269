"""T2: gradient descent on f(x) = x^4 - 3x^3 + 2 from x = 4 with step 0.01."""
x_old = 0
x_new = 4
gamma = 0.01
precision = 0.00001


def df(x):
    return 4 * x**3 - 9 * x**2


steps = 0
while abs(x_new - x_old) > precision:
    x_old = x_new
    x_new = x_old - gamma * df(x_old)
    steps += 1
print("Local minimum occurs at " + str(x_new))
print("Number of steps: " + str(steps))
