# PyTorch twin of cifar10_tutorial.mjs: pytorch/tutorials beginner_source/blitz/cifar10_tutorial.py ("Training a
# Classifier", commit c53e7d4efc0e39e455c531d21ec7db28ba220214), statement by statement.
# Stand-ins: CIFAR10 is SyntheticCIFAR10, a Dataset of 32x32x3 uint8 images laid out as torchvision's (HWC numpy
# arrays, int labels) drawn from detrand: each class a fixed random pattern, each image 60% its class's pattern
# and 40% noise; 500 training and 100 test images, so the loss is printed every 25 mini-batches (not 2000) and
# SGD runs at lr=0.01 (not 0.001);
# transforms.ToTensor and transforms.Normalize are torchvision's code for an ndarray; the layers' init and the
# shuffling sampler draw from detrand (the stream both languages compute alike); the checkpoint goes to the
# temporary directory; the pyplot images are left out.
# Run: /usr/bin/python3 examples/ports/cifar10_tutorial.py > examples/ports/cifar10_tutorial.expected.txt
import os
import tempfile

import numpy as np
import torch

import detrand


class Compose:
    """torchvision.transforms.Compose"""
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img


class ToTensor:
    """torchvision.transforms.ToTensor on an HWC uint8 ndarray"""
    def __call__(self, pic):
        img = torch.from_numpy(pic.transpose((2, 0, 1))).contiguous()
        return img.to(dtype=torch.get_default_dtype()).div(255)


class Normalize:
    """torchvision.transforms.Normalize (torchvision.transforms.functional.normalize)"""
    def __init__(self, mean, std):
        self.mean, self.std = mean, std

    def __call__(self, tensor):
        tensor = tensor.clone()
        mean = torch.as_tensor(self.mean, dtype=tensor.dtype)
        std = torch.as_tensor(self.std, dtype=tensor.dtype)
        return tensor.sub_(mean.view(-1, 1, 1)).div_(std.view(-1, 1, 1))


class SyntheticCIFAR10(torch.utils.data.Dataset):
    """torchvision.datasets.CIFAR10's interface: data is an (N, 32, 32, 3) uint8 array, targets a list of ints."""
    patterns = None

    def __init__(self, train=True, transform=None):
        if SyntheticCIFAR10.patterns is None:
            SyntheticCIFAR10.patterns = np.array(detrand.uniform(10 * 32 * 32 * 3)).reshape(10, 32, 32, 3)
        n = 500 if train else 100
        self.targets = [int(v * 10) for v in detrand.uniform(n)]
        noise = np.array(detrand.uniform(n * 32 * 32 * 3)).reshape(n, 32, 32, 3)
        self.data = np.floor(255 * (0.6 * SyntheticCIFAR10.patterns[self.targets] + 0.4 * noise)).astype(np.uint8)
        self.transform = transform

    def __getitem__(self, index):
        img, target = self.data[index], self.targets[index]
        if self.transform is not None:
            img = self.transform(img)
        return img, target

    def __len__(self):
        return len(self.data)


class Shuffled:
    """shuffle=True's RandomSampler, drawing from detrand: a fresh Fisher-Yates permutation per epoch."""
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __iter__(self):
        idx = list(range(self.n))
        u = detrand.uniform(self.n)
        for i in range(self.n - 1, 0, -1):
            j = int(u[i] * (i + 1))
            idx[i], idx[j] = idx[j], idx[i]
        return iter(idx)


detrand.seed(10)

########################################################################
# The output of torchvision datasets are PILImage images of range [0, 1].
# We transform them to Tensors of normalized range [-1, 1].

transform = Compose(
    [ToTensor(),
     Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])

batch_size = 4

trainset = SyntheticCIFAR10(train=True, transform=transform)
trainloader = torch.utils.data.DataLoader(trainset, batch_size=batch_size,
                                          sampler=Shuffled(len(trainset)))  # shuffle=True, num_workers=2

testset = SyntheticCIFAR10(train=False, transform=transform)
testloader = torch.utils.data.DataLoader(testset, batch_size=batch_size,
                                         shuffle=False)  # num_workers=2

classes = ('plane', 'car', 'bird', 'cat',
           'deer', 'dog', 'frog', 'horse', 'ship', 'truck')

# get some random training images
dataiter = iter(trainloader)
images, labels = next(dataiter)

# print labels
print(' '.join(f'{classes[labels[j]]:5s}' for j in range(batch_size)))

########################################################################
# 2. Define a Convolutional Neural Network

import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        detrand.init_(self)  # the default init, from detrand

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1) # flatten all dimensions except batch
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()

########################################################################
# 3. Define a Loss function and optimizer

import torch.optim as optim

criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.01, momentum=0.9)  # lr=0.001 (the small data set needs a faster rate)

########################################################################
# 4. Train the network

for epoch in range(2):  # loop over the dataset multiple times

    running_loss = 0.0
    for i, data in enumerate(trainloader, 0):
        # get the inputs; data is a list of [inputs, labels]
        inputs, labels = data

        # zero the parameter gradients
        optimizer.zero_grad()

        # forward + backward + optimize
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()

        # print statistics
        running_loss += loss.item()
        if i % 25 == 24:    # print every 25 mini-batches
            print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 25:.3f}')
            running_loss = 0.0

print('Finished Training')

########################################################################
# Let's quickly save our trained model:

PATH = os.path.join(tempfile.gettempdir(), 'cifar_net.pth')
torch.save(net.state_dict(), PATH)

########################################################################
# 5. Test the network on the test data

dataiter = iter(testloader)
images, labels = next(dataiter)

# print images
print('GroundTruth: ', ' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))

########################################################################
# Next, let's load back in our saved model

net = Net()
net.load_state_dict(torch.load(PATH))

outputs = net(images)

_, predicted = torch.max(outputs, 1)

print('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}'
                              for j in range(4)))

correct = 0
total = 0
# since we're not training, we don't need to calculate the gradients for our outputs
with torch.no_grad():
    for data in testloader:
        images, labels = data
        # calculate outputs by running images through the network
        outputs = net(images)
        # the class with the highest energy is what we choose as prediction
        _, predicted = torch.max(outputs.data, 1)
        total += labels.size(0)
        correct += (predicted == labels).sum().item()

print(f'Accuracy of the network on the 10000 test images: {100 * correct // total} %')

# prepare to count predictions for each class
correct_pred = {classname: 0 for classname in classes}
total_pred = {classname: 0 for classname in classes}

# again no gradients needed
with torch.no_grad():
    for data in testloader:
        images, labels = data
        outputs = net(images)
        _, predictions = torch.max(outputs, 1)
        # collect the correct predictions for each class
        for label, prediction in zip(labels, predictions):
            if label == prediction:
                correct_pred[classes[label]] += 1
            total_pred[classes[label]] += 1


# print accuracy for each class
for classname, correct_count in correct_pred.items():
    accuracy = 100 * float(correct_count) / total_pred[classname]
    print(f'Accuracy for class: {classname:5s} is {accuracy:.1f} %')

device = torch.device('cuda:0' if torch.cuda.is_available() else 'cpu')

# Assuming that we are on a CUDA machine, this should print a CUDA device:

print(device)
