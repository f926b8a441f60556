"""Typical wrong answers for 2_pytorch/03_autograd. Each must be rejected by its check cell."""

MISTAKES = {
    "mul_backward": {
        "overwrites with = instead of accumulating with +=": """
def mul_backward(a, b, out):
    a.grad = b.data * out.grad
    b.grad = a.data * out.grad
""",
        "forgets the chain-rule factor out.grad": """
def mul_backward(a, b, out):
    a.grad += b.data
    b.grad += a.data
""",
        "multiplies by its own value instead of the other factor": """
def mul_backward(a, b, out):
    a.grad += a.data * out.grad
    b.grad += b.data * out.grad
""",
        "passes out.grad through unchanged, as for addition": """
def mul_backward(a, b, out):
    a.grad += out.grad
    b.grad += out.grad
""",
        "updates only a": """
def mul_backward(a, b, out):
    a.grad += b.data * out.grad
""",
        "recovers the other factor as out.data / a.data (divides by zero when a = 0)": """
def mul_backward(a, b, out):
    a.grad += out.data / a.data * out.grad
    b.grad += out.data / b.data * out.grad
""",
    },
    "tanh_backward": {
        "derivative 1 - tanh instead of 1 - tanh**2": """
def tanh_backward(a, out):
    a.grad += (1 - out.data) * out.grad
""",
        "squares the input instead of the output: 1 - a**2": """
def tanh_backward(a, out):
    a.grad += (1 - a.data**2) * out.grad
""",
        "forgets the chain-rule factor out.grad": """
def tanh_backward(a, out):
    a.grad += 1 - out.data**2
""",
        "overwrites with = instead of accumulating with +=": """
def tanh_backward(a, out):
    a.grad = (1 - out.data**2) * out.grad
""",
        "takes tanh of out.data again (tanh applied twice)": """
def tanh_backward(a, out):
    a.grad += (1 - math.tanh(out.data) ** 2) * out.grad
""",
    },
    "topological_order": {
        "breadth-first from the root, reversed": """
def topological_order(root):
    order, visited, queue = [], {root}, [root]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for child in node.inputs:
            if child not in visited:
                visited.add(child)
                queue.append(child)
    return order[::-1]
""",
        "no visited set: nodes reached along two paths are listed twice": """
def topological_order(root):
    order = []

    def visit(node):
        for child in node.inputs:
            visit(child)
        order.append(node)

    visit(root)
    return order
""",
        "pre-order (node before its inputs): root first": """
def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        order.append(node)
        for child in node.inputs:
            visit(child)

    visit(root)
    return order
""",
        "correct post-order, but returned reversed (root first)": """
def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        for child in node.inputs:
            visit(child)
        order.append(node)

    visit(root)
    return order[::-1]
""",
        "only the root and its direct inputs": """
def topological_order(root):
    return [*root.inputs, root]
""",
        "remembers visited values (node.data), not nodes: equal values are merged": """
def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node.data in visited:
            return
        visited.add(node.data)
        for child in node.inputs:
            visit(child)
        order.append(node)

    visit(root)
    return order
""",
        "iterative depth-first search, pre-order reversed: not topological": """
def topological_order(root):
    order, visited, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node in visited:
            continue
        visited.add(node)
        order.append(node)
        stack.extend(node.inputs)
    return order[::-1]
""",
    },
}
