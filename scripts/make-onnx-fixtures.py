#!/usr/bin/python3
"""Writes the ONNX files in examples/onnx/: models exported by PyTorch itself, for the importer's tests.

Made with Debian's python3-torch 1.13.1 and python3-torchvision 0.14.1
(`apt-get install python3-torch python3-torchvision`), run with Debian's /usr/bin/python3, and the
MNIST and Fashion-MNIST files that scripts/fetch-data.sh puts in the data cache. Everything is
seeded; CI does not run this script, it uses the committed files.

    /usr/bin/python3 scripts/make-onnx-fixtures.py [--data ~/.cache/dgating] [--out examples/onnx] [--only FILE ...]

The trained fixtures see pixels as the dataset stores them (0..255), as dgating's loaders give
them; each normalises its input itself, so the normalisation is part of the exported graph.
"""
import argparse
import gzip
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.resnet import BasicBlock

MNIST_MEAN, MNIST_STD = 0.1307 * 255, 0.3081 * 255
FASHION_MEAN, FASHION_STD = 0.2860 * 255, 0.3530 * 255


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def dataset(root, name):
    d = os.path.join(root, name)

    def find(stem):
        for suffix in ("", ".gz"):
            if os.path.exists(os.path.join(d, stem + suffix)):
                return os.path.join(d, stem + suffix)
        raise SystemExit(f"{stem} not in {d}: run scripts/fetch-data.sh {name}")

    x = idx(find("train-images-idx3-ubyte")).astype(np.float32)
    y = idx(find("train-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)


class Mlp(nn.Module):
    """LeNet-300-100 on flat pixels."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 300)
        self.fc2 = nn.Linear(300, 100)
        self.fc3 = nn.Linear(100, 10)

    def forward(self, x):
        x = (x - MNIST_MEAN) / MNIST_STD
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = (x - MNIST_MEAN) / MNIST_STD
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return F.log_softmax(self.fc3(x), dim=1)


class Vgg(nn.Module):
    """A VGG-style CNN with batch norm for 28x28 images."""

    def __init__(self):
        super().__init__()

        def block(cin, cout):
            return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]

        self.features = nn.Sequential(*block(1, 16), *block(16, 16), nn.MaxPool2d(2),
                                      *block(16, 32), *block(32, 32), nn.MaxPool2d(2),
                                      *block(32, 64), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(0.2), nn.Linear(64 * 3 * 3, 10))

    def forward(self, x):
        return self.classifier(self.features((x - FASHION_MEAN) / FASHION_STD))


class NarrowResNet18(nn.Module):
    """ResNet-18's topology from torchvision's BasicBlock (2, 2, 2, 2 blocks) at 1/8 of its widths,
    with a 3x3 stem and no max pool, as ResNets for 28x28 inputs are built; random weights."""

    def __init__(self, widths=(8, 16, 32, 64)):
        super().__init__()
        self.inplanes = widths[0]
        self.conv1 = nn.Conv2d(1, widths[0], 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        stages = []
        for i, w in enumerate(widths):
            stages.append(self._stage(w, 1 if i == 0 else 2))
        self.stages = nn.Sequential(*stages)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(widths[-1], 10)

    def _stage(self, planes, stride):
        down = None
        if stride != 1 or self.inplanes != planes:
            down = nn.Sequential(nn.Conv2d(self.inplanes, planes, 1, stride=stride, bias=False),
                                 nn.BatchNorm2d(planes))
        blocks = [BasicBlock(self.inplanes, planes, stride, down), BasicBlock(planes, planes)]
        self.inplanes = planes
        return nn.Sequential(*blocks)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x / 255.0)))
        x = self.pool(self.stages(x))
        return self.fc(torch.flatten(x, 1))


class Activations(nn.Module):
    """A small MLP with GELU (exported as its erf expansion), tanh and sigmoid; random weights."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(12, 16)
        self.b = nn.Linear(16, 16)
        self.c = nn.Linear(16, 8)
        self.d = nn.Linear(8, 3)

    def forward(self, x):
        x = F.gelu(self.a(x))
        x = torch.tanh(self.b(x))
        x = torch.sigmoid(self.c(x))
        return F.softmax(self.d(x), dim=1)


class IrisMlp(nn.Module):
    """A small MLP on dgating's bundled iris table, normalising its four raw measurements itself."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        self.hidden = nn.Linear(4, 16)
        self.out = nn.Linear(16, 3)

    def forward(self, x):
        return self.out(F.relu(self.hidden((x - self.mean) / self.std)))


def iris():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dgating-api", "src", "main", "resources",
                        "io", "dgating", "api", "data", "bundled", "iris.csv")
    rows = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return torch.from_numpy(rows[:, :4]), torch.from_numpy(rows[:, 4].astype(np.int64))


class GeluTanh(nn.Module):
    """An MLP with GELU's tanh approximation (GPT-2's), which PyTorch 1.13 exports as nine nodes; random weights."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 8)
        self.b = nn.Linear(8, 3)

    def forward(self, x):
        return self.b(F.gelu(self.a(x), approximate="tanh"))


class Recurrent(nn.Module):
    """An LSTM: not a structure dgating imports (the unsupported-graph fixture)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(784, 16, batch_first=True)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        out, _ = self.lstm(x.unsqueeze(1))
        return self.fc(out[:, -1])


def train(model, x, y, epochs, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    g = torch.Generator().manual_seed(0)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 128):
            b = order[i:i + 128]
            opt.zero_grad()
            F.cross_entropy(model(x[b]), y[b]).backward()
            opt.step()
    model.eval()
    return model


def seeded(make):
    """Builds a model after reseeding, so each file depends only on its own seed, not on what came before."""
    torch.manual_seed(0)
    return make()


def export(model, example, path, opset, keep_batch_norm=False):
    model.eval()
    mode = torch.onnx.TrainingMode.PRESERVE if keep_batch_norm else torch.onnx.TrainingMode.EVAL
    torch.onnx.export(model, example, path, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, training=mode,
                      do_constant_folding=True)
    print(f"wrote {path} ({os.path.getsize(path)} bytes, opset {opset})")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.expanduser("~/.cache/dgating"))
    p.add_argument("--out", default="examples/onnx")
    p.add_argument("--only", nargs="*", help="write only these files (each depends only on its own seed)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(2)

    def iris_mlp():
        ix, iy = iris()
        export(train(seeded(lambda: IrisMlp(ix.mean(0), ix.std(0))), ix, iy, 200, 0.01), torch.zeros(2, 4),
               f"{a.out}/mlp-iris.onnx", 13)

    def mnist_mlp():
        mx, my = dataset(a.data, "mnist")
        export(train(seeded(Mlp), mx.flatten(1), my, 2, 0.05), torch.zeros(2, 784), f"{a.out}/mlp-mnist.onnx", 13)

    def lenet5():
        mx, my = dataset(a.data, "mnist")
        export(train(seeded(LeNet5), mx, my, 2, 0.05), torch.zeros(2, 1, 28, 28), f"{a.out}/lenet5-mnist.onnx", 17)

    def vggs():
        fx, fy = dataset(a.data, "fashion-mnist")
        vgg = train(seeded(Vgg), fx, fy, 2, 0.02)
        export(vgg, torch.zeros(2, 1, 28, 28), f"{a.out}/vgg-bn-fashion.onnx", 17, keep_batch_norm=True)
        export(vgg, torch.zeros(2, 1, 28, 28), f"{a.out}/vgg-fused-fashion-opset13.onnx", 13)

    def resnet():
        net = seeded(NarrowResNet18)
        with torch.no_grad():
            # running statistics away from 0 and 1, so that importing them wrongly shows
            for m in net.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.running_mean.uniform_(-0.2, 0.2)
                    m.running_var.uniform_(0.5, 2.0)
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.uniform_(-0.2, 0.2)
        export(net, torch.zeros(2, 1, 28, 28), f"{a.out}/resnet18-narrow-random.onnx", 13, keep_batch_norm=True)

    fixtures = {
        "mlp-iris.onnx": iris_mlp,
        "mlp-mnist.onnx": mnist_mlp,
        "lenet5-mnist.onnx": lenet5,
        "vgg-bn-fashion.onnx": vggs,
        "resnet18-narrow-random.onnx": resnet,
        "activations-random.onnx": lambda: export(seeded(Activations), torch.zeros(2, 12),
                                                  f"{a.out}/activations-random.onnx", 17),
        "gelu-tanh-random.onnx": lambda: export(seeded(GeluTanh), torch.zeros(2, 6), f"{a.out}/gelu-tanh-random.onnx",
                                                17),
        "lstm-unsupported.onnx": lambda: export(seeded(Recurrent), torch.zeros(2, 784),
                                                f"{a.out}/lstm-unsupported.onnx", 13),
    }
    for name, make in fixtures.items():
        if not a.only or name in a.only:
            make()


if __name__ == "__main__":
    main()
