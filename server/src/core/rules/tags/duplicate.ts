import { duplicateRule } from '../lists';

export default duplicateRule('tags');
