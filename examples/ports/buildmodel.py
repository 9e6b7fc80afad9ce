# PyTorch twin of buildmodel.mjs: pytorch/tutorials beginner_source/basics/buildmodel_tutorial.py
# (commit 07a339ece661a2b304b8834780470f522eed1e02), statement by statement, with torch.rand and the layers'
# default init drawn from detrand (the stream both languages compute alike); CPU only.
# Run: /usr/bin/python3 examples/ports/buildmodel.py > examples/ports/buildmodel.expected.txt
import torch
from torch import nn
import detrand

detrand.seed(2)

device = 'cuda' if torch.cuda.is_available() else 'cpu'
print('Using {} device'.format(device))

class NeuralNetwork(nn.Module):
    def __init__(self):
        super(NeuralNetwork, self).__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28*28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
            nn.ReLU()
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits

model = detrand.init_(NeuralNetwork().to(device))
print(model)

X = detrand.rand(1, 28, 28)  # torch.rand(1, 28, 28, device=device)
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
y_pred = pred_probab.argmax(1)
print(f"Predicted class: {y_pred}")

input_image = detrand.rand(3,28,28)  # torch.rand(3,28,28)
print(input_image.size())

flatten = nn.Flatten()
flat_image = flatten(input_image)
print(flat_image.size())

layer1 = detrand.init_(nn.Linear(in_features=28*28, out_features=20))
hidden1 = layer1(flat_image)
print(hidden1.size())

print(f"Before ReLU: {hidden1}\n\n")
hidden1 = nn.ReLU()(hidden1)
print(f"After ReLU: {hidden1}")

seq_modules = nn.Sequential(
    flatten,
    layer1,
    nn.ReLU(),
    detrand.init_(nn.Linear(20, 10))
)
input_image = detrand.rand(3,28,28)  # torch.rand(3,28,28)
logits = seq_modules(input_image)

softmax = nn.Softmax(dim=1)
pred_probab = softmax(logits)

print("Model structure: ", model, "\n\n")

for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()} | Values : {param[:2]} \n")

# Not in the tutorial: the probabilities it computes, the Sequential it builds and the top logits. (Not
# pred_probab.sum(1): float32 sums may differ from PyTorch's in the last bit, docs/porting.md.)
print(pred_probab)
print(seq_modules)
print(pred_probab.argmax(1), logits.max(1))
