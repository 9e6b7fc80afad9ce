# PyTorch twin of neural_networks.mjs: pytorch/tutorials beginner_source/blitz/neural_networks_tutorial.py
# (commit 06dc97785c47755b8d5bca167ad3cfc2ee8a04c1), statement by statement: LeNet with F.max_pool2d and
# x.view, its repr and parameters, MSELoss against an integer target, the grad_fn chain, zero_grad and an
# optim.SGD step. torch.randn and the layers' init draw from detrand (the stream both languages compute
# alike). The tutorial prints grad_fn objects (their addresses); here their names.
# Run: /usr/bin/python3 examples/ports/neural_networks.py > examples/ports/neural_networks.expected.txt
import torch
import torch.nn as nn
import torch.nn.functional as F
import detrand

detrand.seed(5)


class Net(nn.Module):

    def __init__(self):
        super(Net, self).__init__()
        # 1 input image channel, 6 output channels, 5x5 square convolution
        # kernel
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        # an affine operation: y = Wx + b
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        # Max pooling over a (2, 2) window
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        # If the size is a square you can only specify a single number
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]  # all dimensions except the batch dimension
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


net = detrand.init_(Net())
print(net)

params = list(net.parameters())
print(len(params))
print(params[0].size())  # conv1's .weight

input = detrand.randn(1, 1, 32, 32)  # torch.randn(1, 1, 32, 32)
out = net(input)
print(out)

net.zero_grad()
out.backward(detrand.randn(1, 10))  # torch.randn(1, 10)

output = net(input)
target = torch.arange(1, 11)  # a dummy target, for example
target = target.view(1, -1)  # make it the same shape as output
criterion = nn.MSELoss()

loss = criterion(output, target)
print(loss)

print(loss.grad_fn.name())  # MSELoss
print(loss.grad_fn.next_functions[0][0].name())  # Linear
print(loss.grad_fn.next_functions[0][0].next_functions[0][0].name())  # ReLU

net.zero_grad()     # zeroes the gradient buffers of all parameters

print('conv1.bias.grad before backward')
print(net.conv1.bias.grad)

try:
    loss.backward()
    print('backward ran')
except RuntimeError as e:
    print(e)  # PyTorch 1.13: "Found dtype Long but expected Float" (tensorgrad runs it: docs/porting.md)

print('conv1.bias.grad after backward')
print(net.conv1.bias.grad)

# The tutorial's later versions: a float target.
net.zero_grad()
target = target.float()
loss = criterion(net(input), target)
loss.backward()
print(net.conv1.bias.grad)

import torch.optim as optim

# create your optimizer
optimizer = optim.SGD(net.parameters(), lr=0.01)

# in your training loop:
optimizer.zero_grad()   # zero the gradient buffers
output = net(input)
loss = criterion(output, target)
loss.backward()
optimizer.step()    # Does the update

# Not in the tutorial: the update's effect.
print(loss, criterion(net(input), target))
print(net.conv1.bias)
