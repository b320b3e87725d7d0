import { stringRule } from '../lists';

export default stringRule('tags');
