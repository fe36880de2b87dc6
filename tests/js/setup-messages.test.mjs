// Tests for static/js/panels/setup.js plainMessage — the set-up's messages in plain words, named by the form's labels.
import './with-rules.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainMessage } from '../../static/js/panels/setup.js';

test('internal wording becomes the rule the field follows', () => {
  const eta = plainMessage('lr', 'withState: invalid value for "lr"');
  assert.equal(eta, 'The learning rate η must be a number above 0 and at most 100.');
  assert.ok(!plainMessage('seed', 'withState: invalid value for "seed"').includes('withState'));
});

test("the API's messages keep their words, named once by the form's label, rows counted from 1", () => {
  assert.equal(plainMessage('loss', 'loss: cross_entropy needs a softmax output'), 'Loss: cross_entropy needs a softmax output');
  assert.equal(plainMessage('targets', 'targets[0]: cross_entropy needs one-hot rows (one 1, the rest 0)'),
    'Targets: row 1: cross_entropy needs one-hot rows (one 1, the rest 0)');
});

test("a name the page does not know keeps the server's list of the names it does", () => {
  const msg = 'invalid value for "init": \'bar\'; choose one of xavier, he, uniform, normal, zeros';
  assert.equal(plainMessage('init', msg), "init 'bar' is not one this page knows (it knows xavier, he, uniform, normal, zeros)");
});
