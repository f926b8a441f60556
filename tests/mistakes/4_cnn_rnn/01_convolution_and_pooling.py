"""Typical wrong answers for 4_cnn_rnn/01_convolution_and_pooling. Each must be rejected by its check cell."""

MISTAKES = {
    "conv_output_size": {
        "forgets the dilation": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return (size + 2 * padding - kernel_size) // stride + 1
""",
        "pads one side only": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return (size + padding - dilation * (kernel_size - 1) - 1) // stride + 1
""",
        "rounds up instead of down": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return math.ceil((size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
""",
        "true division: returns a float": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride + 1
""",
        "dilated span dilation * kernel_size instead of dilation * (kernel_size - 1) + 1": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return (size + 2 * padding - dilation * kernel_size) // stride + 1
""",
        "forgets the + 1 for the first position": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride
""",
        "divides the padded size by the stride before subtracting the kernel": """
def conv_output_size(size, kernel_size, stride, padding, dilation):
    return (size + 2 * padding) // stride - dilation * (kernel_size - 1)
""",
    },
    "conv2d_loop": {
        "flips the kernel (convolution instead of cross-correlation)": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    return _family_reference_loop(images, weight.flip(-2, -1), bias, stride, padding, dilation)

def _family_reference_loop(images, weight, bias, stride, padding, dilation):
    (sh, sw), (ph, pw), (dh, dw) = conv.pair(stride), conv.pair(padding), conv.pair(dilation)
    n, _, h, w = images.shape
    o, _, kh, kw = weight.shape
    oh, ow = conv_output_size(h, kh, sh, ph, dh), conv_output_size(w, kw, sw, pw, dw)
    padded = F.pad(images, (pw, pw, ph, ph))
    out = images.new_zeros(n, o, oh, ow)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * sh : i * sh + dh * (kh - 1) + 1 : dh, j * sw : j * sw + dw * (kw - 1) + 1 : dw]
            out[:, :, i, j] = torch.einsum("nchw,ochw->no", window, weight)
    return out if bias is None else out + bias[None, :, None, None]
""",
        "ignores the bias": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images, weight, None, stride, padding, dilation)
""",
        "pads only the top and left": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    (sh, sw), (ph, pw), (dh, dw) = conv.pair(stride), conv.pair(padding), conv.pair(dilation)
    n, _, h, w = images.shape
    o, _, kh, kw = weight.shape
    oh, ow = conv_output_size(h, kh, sh, ph, dh), conv_output_size(w, kw, sw, pw, dw)
    padded = F.pad(images, (pw, 0, ph, 0))
    out = images.new_zeros(n, o, oh, ow)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * sh : i * sh + dh * (kh - 1) + 1 : dh, j * sw : j * sw + dw * (kw - 1) + 1 : dw]
            if window.shape[2:] != weight.shape[2:]:
                continue
            out[:, :, i, j] = torch.einsum("nchw,ochw->no", window, weight)
    return out if bias is None else out + bias[None, :, None, None]
""",
        "swaps stride and dilation in the window": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    (sh, sw), (ph, pw), (dh, dw) = conv.pair(stride), conv.pair(padding), conv.pair(dilation)
    n, _, h, w = images.shape
    o, _, kh, kw = weight.shape
    oh, ow = conv_output_size(h, kh, sh, ph, dh), conv_output_size(w, kw, sw, pw, dw)
    padded = F.pad(images, (pw, pw, ph, ph))
    out = images.new_zeros(n, o, oh, ow)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * dh : i * dh + sh * (kh - 1) + 1 : sh, j * dw : j * dw + sw * (kw - 1) + 1 : sw]
            out[:, :, i, j] = torch.einsum("nchw,ochw->no", window, weight)
    return out if bias is None else out + bias[None, :, None, None]
""",
        "does not sum over the input channels (keeps channel 0)": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images[:, :1], weight[:, :1], bias, stride, padding, dilation)
""",
        "sums the output channels together": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    out = F.conv2d(images, weight, None, stride, padding, dilation)
    out = out.sum(dim=1, keepdim=True).expand_as(out).clone()
    return out if bias is None else out + bias[None, :, None, None]
""",
        "returns float32 for float64 images": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images.float(), weight.float(), None if bias is None else bias.float(), stride, padding, dilation)
""",
        "ignores the dilation": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images, weight, bias, stride, padding, 1)
""",
        "treats the pairs as (width, height)": """
def conv2d_loop(images, weight, bias, stride, padding, dilation):
    flip = lambda value: tuple(reversed(conv.pair(value)))
    return F.conv2d(images, weight, bias, flip(stride), flip(padding), flip(dilation))
""",
    },
    "im2col": {
        "orders each column (kernel row, kernel column, channel) instead of (channel, row, column)": """
def im2col(images, kernel_size, stride, padding, dilation):
    (kh, kw) = conv.pair(kernel_size)
    columns = F.unfold(images, kernel_size, dilation=dilation, padding=padding, stride=stride)
    n, c = images.shape[:2]
    return columns.reshape(n, c, kh * kw, -1).transpose(1, 2).reshape(n, c * kh * kw, -1)
""",
        "visits kernel columns in the outer loop (transposed taps)": """
def im2col(images, kernel_size, stride, padding, dilation):
    (kh, kw) = conv.pair(kernel_size)
    columns = F.unfold(images, kernel_size, dilation=dilation, padding=padding, stride=stride)
    n, c = images.shape[:2]
    return columns.reshape(n, c, kh, kw, -1).transpose(2, 3).reshape(n, c * kh * kw, -1)
""",
        "returns (N, L, C kh kw): columns as rows": """
def im2col(images, kernel_size, stride, padding, dilation):
    return F.unfold(images, kernel_size, dilation=dilation, padding=padding, stride=stride).transpose(1, 2)
""",
        "ignores the dilation": """
def im2col(images, kernel_size, stride, padding, dilation):
    return F.unfold(images, kernel_size, dilation=1, padding=padding, stride=stride)
""",
        "ignores the padding": """
def im2col(images, kernel_size, stride, padding, dilation):
    return F.unfold(images, kernel_size, dilation=dilation, padding=0, stride=stride)
""",
        "columns over output positions column by column": """
def im2col(images, kernel_size, stride, padding, dilation):
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = (conv.pair(kernel_size), conv.pair(stride), conv.pair(padding),
                                              conv.pair(dilation))
    oh = conv_output_size(images.shape[2], kh, sh, ph, dh)
    ow = conv_output_size(images.shape[3], kw, sw, pw, dw)
    columns = F.unfold(images, kernel_size, dilation=dilation, padding=padding, stride=stride)
    n, rows = columns.shape[:2]
    return columns.reshape(n, rows, oh, ow).transpose(2, 3).reshape(n, rows, -1)
""",
        "pads with ones": """
def im2col(images, kernel_size, stride, padding, dilation):
    ph, pw = conv.pair(padding)
    padded = F.pad(images, (pw, pw, ph, ph), value=1.0)
    return F.unfold(padded, kernel_size, dilation=dilation, padding=0, stride=stride)
""",
    },
    "conv2d_im2col": {
        "flips the kernel (convolution instead of cross-correlation)": """
def conv2d_im2col(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images, weight.flip(-2, -1), bias, stride, padding, dilation)
""",
        "ignores the bias": """
def conv2d_im2col(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images, weight, None, stride, padding, dilation)
""",
        "flattens the kernels in (kh, kw, C) order": """
def conv2d_im2col(images, weight, bias, stride, padding, dilation):
    (sh, sw), (ph, pw), (dh, dw) = conv.pair(stride), conv.pair(padding), conv.pair(dilation)
    o, _, kh, kw = weight.shape
    oh = conv_output_size(images.shape[2], kh, sh, ph, dh)
    ow = conv_output_size(images.shape[3], kw, sw, pw, dw)
    out = weight.permute(0, 2, 3, 1).reshape(o, -1) @ im2col(images, (kh, kw), stride, padding, dilation)
    if bias is not None:
        out = out + bias[:, None]
    return out.reshape(images.shape[0], o, oh, ow)
""",
        "reshapes the outputs to (out_w, out_h) and transposes": """
def conv2d_im2col(images, weight, bias, stride, padding, dilation):
    (sh, sw), (ph, pw), (dh, dw) = conv.pair(stride), conv.pair(padding), conv.pair(dilation)
    o, _, kh, kw = weight.shape
    oh = conv_output_size(images.shape[2], kh, sh, ph, dh)
    ow = conv_output_size(images.shape[3], kw, sw, pw, dw)
    out = weight.reshape(o, -1) @ im2col(images, (kh, kw), stride, padding, dilation)
    if bias is not None:
        out = out + bias[:, None]
    return out.reshape(images.shape[0], o, ow, oh).transpose(2, 3)
""",
        "adds the sum of all biases to every output channel": """
def conv2d_im2col(images, weight, bias, stride, padding, dilation):
    out = F.conv2d(images, weight, None, stride, padding, dilation)
    return out if bias is None else out + bias.sum()
""",
        "ignores the stride": """
def conv2d_im2col(images, weight, bias, stride, padding, dilation):
    return F.conv2d(images, weight, bias, 1, padding, dilation)
""",
    },
    "max_pool2d": {
        "pads with zeros (a zero beats negative values at the border)": """
def max_pool2d(images, kernel_size, stride=None, padding=0):
    ph, pw = conv.pair(padding)
    return F.max_pool2d(F.pad(images, (pw, pw, ph, ph)), kernel_size, stride, 0)
""",
        "stride defaults to 1 instead of the kernel size": """
def max_pool2d(images, kernel_size, stride=None, padding=0):
    return F.max_pool2d(images, kernel_size, 1 if stride is None else stride, padding)
""",
        "averages instead of taking the maximum": """
def max_pool2d(images, kernel_size, stride=None, padding=0):
    ph, pw = conv.pair(padding)
    return F.avg_pool2d(images, kernel_size, stride, padding)
""",
        "takes the maximum over channels too": """
def max_pool2d(images, kernel_size, stride=None, padding=0):
    pooled = F.max_pool2d(images, kernel_size, stride, padding)
    return pooled.amax(dim=1, keepdim=True).expand_as(pooled).clone()
""",
        "groups the columns as (kh kw, C) instead of (C, kh kw)": """
def max_pool2d(images, kernel_size, stride=None, padding=0):
    stride = kernel_size if stride is None else stride
    (kh, kw), (sh, sw), (ph, pw) = conv.pair(kernel_size), conv.pair(stride), conv.pair(padding)
    n, c, h, w = images.shape
    oh, ow = conv_output_size(h, kh, sh, ph, 1), conv_output_size(w, kw, sw, pw, 1)
    padded = F.pad(images, (pw, pw, ph, ph), value=-math.inf)
    windows = im2col(padded, (kh, kw), stride, 0, 1).reshape(n, kh * kw, c, -1)
    return windows.amax(dim=1).reshape(n, c, oh, ow)
""",
        "treats the kernel pair as (width, height)": """
def max_pool2d(images, kernel_size, stride=None, padding=0):
    kh, kw = conv.pair(kernel_size)
    return F.max_pool2d(images, (kw, kh), stride, padding)
""",
    },
    "avg_pool2d": {
        "always counts the padding": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    return F.avg_pool2d(images, kernel_size, stride, padding, count_include_pad=True)
""",
        "never counts the padding": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    return F.avg_pool2d(images, kernel_size, stride, padding, count_include_pad=False)
""",
        "the flag the wrong way round": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    return F.avg_pool2d(images, kernel_size, stride, padding, count_include_pad=not count_include_pad)
""",
        "stride defaults to 1 instead of the kernel size": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    return F.avg_pool2d(images, kernel_size, 1 if stride is None else stride, padding,
                        count_include_pad=count_include_pad)
""",
        "divides by kernel_h squared (square windows assumed)": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    kh, kw = conv.pair(kernel_size)
    pooled = F.avg_pool2d(images, kernel_size, stride, padding, count_include_pad=count_include_pad)
    return pooled * (kh * kw) / (kh * kh)
""",
        "averages over channels too": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    pooled = F.avg_pool2d(images, kernel_size, stride, padding, count_include_pad=count_include_pad)
    return pooled.mean(dim=1, keepdim=True).expand_as(pooled).clone()
""",
        "the maximum instead of the mean": """
def avg_pool2d(images, kernel_size, stride=None, padding=0, count_include_pad=True):
    return F.max_pool2d(images, kernel_size, stride, padding)
""",
    },
    "receptive_field": {
        "forgets the dilation": """
def receptive_field(layers):
    size, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        size += (kernel_size - 1) * jump
        jump *= stride
    return size, jump
""",
        "multiplies the jump by the layer's own stride before growing the size": """
def receptive_field(layers):
    size, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        jump *= stride
        size += dilation * (kernel_size - 1) * jump
    return size, jump
""",
        "grows by the layer's stride instead of the accumulated jump": """
def receptive_field(layers):
    size, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        size += dilation * (kernel_size - 1) * stride
        jump *= stride
    return size, jump
""",
        "adds the kernel sizes": """
def receptive_field(layers):
    size, jump = 0, 1
    for kernel_size, stride, dilation in layers:
        size += kernel_size
        jump *= stride
    return max(size, 1), jump
""",
        "ignores strides entirely": """
def receptive_field(layers):
    size = 1
    for kernel_size, stride, dilation in layers:
        size += dilation * (kernel_size - 1)
    return size, 1
""",
        "returns only the size": """
def receptive_field(layers):
    size, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        size += dilation * (kernel_size - 1) * jump
        jump *= stride
    return size
""",
        "returns a list": """
def receptive_field(layers):
    size, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        size += dilation * (kernel_size - 1) * jump
        jump *= stride
    return [size, jump]
""",
        "uses the last layer's stride as the jump": """
def receptive_field(layers):
    size, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        size += dilation * (kernel_size - 1) * jump
        jump *= stride
    return size, layers[-1][1] if layers else 1
""",
    },
}
