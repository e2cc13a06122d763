#!/bin/sh
export MAPS_KEY=AIzaSyD4k9Qm2Xv7Lp0Zr8Tw3Ne5Hj6Bc1Fg9Ka
